using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Api;

public abstract class TokenScopeTests(ApiFixture api)
{
    [Theory]
    [InlineData("/api/v1/app_tokens/")]
    [InlineData("/api/v1/tokens/")]
    public async Task ScopesGivenAtCreationAreListedInOrder(string collection)
    {
        var owner = await api.NewCallerAsync("scoped");

        var created = await api.Client.PostJsonAsync(collection, owner, """{"scopes": ["orders:write", "orders:read", "a.b_c-d"]}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var item = await api.Client.GetAsync(created.Header("Location")!, owner);
        Assert.Equal(["a.b_c-d", "orders:read", "orders:write"], Scopes(item.Json!));
        var listed = await api.Client.GetAsync(collection, owner);
        var accessor = item.Json!["accessor"]!.GetValue<string>();
        Assert.Equal(["a.b_c-d", "orders:read", "orders:write"], Scopes(listed.Json!.AsArray().Single(i => i!["accessor"]!.GetValue<string>() == accessor)!));
    }

    [Fact]
    public async Task AnAdminGivesAnOboTokenScopesForAnotherUser()
    {
        var created = await api.Client.PostJsonAsync("/api/v1/tokens/", api.Admin,
            $$"""{"seconds_until_expire": 86400, "user": "{{api.Alice.User.Id}}", "scopes": ["orders:read"]}""");

        var item = await api.Client.GetAsync(created.Header("Location")!, api.Admin);
        Assert.Equal(api.Alice.User.Id, item.Json!["user"]!.GetValue<string>());
        Assert.Equal(["orders:read"], Scopes(item.Json));
    }

    [Fact]
    public async Task AnUnscopedTokenShowsNullScopesAndMeSaysTheUserHasFullRights()
    {
        var item = await api.Client.GetAsync($"/api/v1/app_tokens/{api.Bob.AppTokenAccessor}/", api.Bob);
        var me = await api.Client.GetAsync("/api/v1/me", api.Bob);

        Assert.Null(item.Json!["scopes"]);
        Assert.True(item.Json.AsObject().ContainsKey("scopes"));
        Assert.Null(me.Json!["scopes"]);
        Assert.True(me.Json.AsObject().ContainsKey("scopes"));
        Assert.Null(me.Json["app_token"]!["scopes"]);
        Assert.Null(me.Json["token"]!["scopes"]);
    }

    [Fact]
    public async Task MeShowsWhatBothTokensAllow()
    {
        var owner = await api.NewCallerAsync("both");
        var scoped = await PairAsync(owner, ["orders:read", "orders:write"], ["orders:read", "invoices:read"]);

        var me = await api.Client.GetAsync("/api/v1/me", scoped);

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(["orders:read"], Scopes(me.Json!));
        Assert.Equal(["orders:read", "orders:write"], Scopes(me.Json!["app_token"]!));
        Assert.Equal(["invoices:read", "orders:read"], Scopes(me.Json!["token"]!));
    }

    [Fact]
    public async Task AScopedPairCannotGiveANewTokenAScopeItLacks()
    {
        var owner = await api.NewCallerAsync("nogain");
        var scoped = await PairAsync(owner, ["orders:read", "tokens:write"], null);
        var before = await api.SnapshotAsync();

        var widened = await api.Client.PostJsonAsync("/api/v1/tokens/", scoped, """{"scopes": ["orders:read", "orders:write"]}""");
        var appWidened = await api.Client.PostJsonAsync("/api/v1/app_tokens/", scoped, """{"scopes": ["admin"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, widened.Status);
        Assert.Contains("orders:write", Assert.Single(widened.Errors(), e => e.Key == "scopes").Value);
        Assert.DoesNotContain("orders:read", widened.Errors()["scopes"]);
        Assert.Equal(HttpStatusCode.BadRequest, appWidened.Status);
        Assert.Equal(["scopes"], appWidened.Errors().Keys);
        Assert.Equal(before, await api.SnapshotAsync());
    }

    [Fact]
    public async Task AScopedPairGivesANewTokenItsOwnScopesOrFewer()
    {
        var owner = await api.NewCallerAsync("inherit");
        var scoped = await PairAsync(owner, ["orders:read", "tokens:write"], ["orders:read", "tokens:write", "invoices:read"]);

        var inherited = await api.Client.PostJsonAsync("/api/v1/app_tokens/", scoped, "{}");
        var narrower = await api.Client.PostJsonAsync("/api/v1/tokens/", scoped, """{"scopes": ["orders:read"]}""");
        var none = await api.Client.PostJsonAsync("/api/v1/tokens/", scoped, """{"scopes": []}""");

        Assert.Equal(["orders:read", "tokens:write"], Scopes((await api.Client.GetAsync(inherited.Header("Location")!, owner)).Json!));
        Assert.Equal(["orders:read"], Scopes((await api.Client.GetAsync(narrower.Header("Location")!, owner)).Json!));
        Assert.Empty(Scopes((await api.Client.GetAsync(none.Header("Location")!, owner)).Json!));
    }

    [Fact]
    public async Task AnUnscopedPairCreatesUnscopedTokensExactlyAsBefore()
    {
        var owner = await api.NewCallerAsync("unscoped");

        var created = await api.Client.PostJsonAsync("/api/v1/app_tokens/", owner, """{"seconds_until_expire": 86400}""");
        var withNull = await api.Client.PostJsonAsync("/api/v1/tokens/", owner, """{"scopes": null}""");

        Assert.Equal(["app_token"], created.Json!.AsObject().Select(p => p.Key));
        Assert.Null((await api.Client.GetAsync(created.Header("Location")!, owner)).Json!["scopes"]);
        Assert.Null((await api.Client.GetAsync(withNull.Header("Location")!, owner)).Json!["scopes"]);
    }

    public static TheoryData<string> BadScopes() => new()
    {
        """{"scopes": "orders:read"}""",
        """{"scopes": {"orders": "read"}}""",
        """{"scopes": [1]}""",
        """{"scopes": ["orders:read", null]}""",
        """{"scopes": ["Orders:Read"]}""",
        """{"scopes": ["orders read"]}""",
        """{"scopes": ["orders/read"]}""",
        """{"scopes": [""]}""",
        """{"scopes": ["ordérs"]}""",
        """{"scopes": ["orders:read", "orders:read"]}""",
        $$"""{"scopes": ["{{new string('a', 101)}}"]}""",
        $$"""{"scopes": ["{{new string('a', 10_240)}}"]}""",
        $$"""{"scopes": [{{string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"s{i}\""))}}]}""",
    };

    [Theory]
    [MemberData(nameof(BadScopes))]
    public async Task BadScopesAreRefusedOnTheScopesFieldAndChangeNothing(string body)
    {
        var before = await api.SnapshotAsync();

        var app = await api.Client.PostJsonAsync("/api/v1/app_tokens/", api.Alice, body);
        var user = await api.Client.PostJsonAsync("/api/v1/tokens/", api.Alice, body);

        foreach (var answer in new[] { app, user })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal(["scopes"], answer.Errors().Keys);
            Assert.True(answer.Errors()["scopes"].Length < 300, answer.Errors()["scopes"]);
        }
        Assert.Equal(before, await api.SnapshotAsync());
    }

    [Fact]
    public async Task FiftyScopesOfAHundredCharactersAreAccepted()
    {
        var scopes = Enumerable.Range(0, 50).Select(i => $"{i:d2}{new string('x', 98)}").ToList();

        var created = await api.Client.PostJsonAsync("/api/v1/app_tokens/", api.Alice,
            $$"""{"scopes": [{{string.Join(", ", scopes.Select(s => $"\"{s}\""))}}]}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(scopes, Scopes((await api.Client.GetAsync(created.Header("Location")!, api.Alice)).Json!));
    }

    [Fact]
    public async Task ScopesCannotBeChangedAfterCreation()
    {
        var token = await api.NewTokenAsync(api.Alice, TokenFamily.App, scopes: ["orders:read"]);
        var before = await api.SnapshotAsync();

        var changed = await api.Client.PatchJsonAsync($"/api/v1/app_tokens/{token.Token.Accessor}/", api.Alice, """{"scopes": ["orders:write"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, changed.Status);
        Assert.Equal(["scopes"], changed.Errors().Keys);
        Assert.Equal(before, await api.SnapshotAsync());
    }

    [Fact]
    public async Task AScopedPairWithoutABuiltInScopeIsRefusedOnEnfixsOwnEndpointsButNotOnMe()
    {
        var owner = await api.NewCallerAsync("labels");
        var scoped = await PairAsync(owner, ["orders:read"], null);
        var before = await api.SnapshotAsync();

        var list = await api.Client.GetAsync("/api/v1/app_tokens/", scoped);
        var item = await api.Client.GetAsync($"/api/v1/tokens/{scoped.TokenAccessor}/", scoped);
        var create = await api.Client.PostJsonAsync("/api/v1/tokens/", scoped, "{}");
        var expire = await api.Client.PatchJsonAsync($"/api/v1/tokens/{scoped.TokenAccessor}/", scoped, """{"seconds_until_expire": -1}""");
        var delete = await api.Client.SendAsync(HttpMethod.Delete, $"/api/v1/app_tokens/{scoped.AppTokenAccessor}/", scoped);
        var me = await api.Client.GetAsync("/api/v1/me", scoped);
        var index = await api.Client.GetAsync("/api/v1/", scoped);

        foreach (var (answer, scope) in new[] { (list, "tokens:read"), (item, "tokens:read"), (create, "tokens:write"), (expire, "tokens:write"), (delete, "tokens:write") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Contains(scope, Assert.Single(answer.Errors(), e => e.Key == "permission").Value);
        }
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(HttpStatusCode.OK, index.Status);
        Assert.Equal(before, await api.SnapshotAsync());
    }

    [Fact]
    public async Task TokensReadAllowsReadingButNotWriting()
    {
        var owner = await api.NewCallerAsync("reader");
        var scoped = await PairAsync(owner, null, ["tokens:read"]);

        var list = await api.Client.GetAsync("/api/v1/tokens/", scoped);
        var create = await api.Client.PostJsonAsync("/api/v1/app_tokens/", scoped, "{}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
    }

    [Fact]
    public async Task ABuiltInScopeCountsOnlyWhenBothTokensCarryIt()
    {
        var owner = await api.NewCallerAsync("both-write");
        var scoped = await PairAsync(owner, ["tokens:read", "tokens:write"], ["tokens:read"]);

        var create = await api.Client.PostJsonAsync("/api/v1/tokens/", scoped, "{}");
        var list = await api.Client.GetAsync("/api/v1/tokens/", scoped);

        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(HttpStatusCode.OK, list.Status);
    }

    [Fact]
    public async Task UserScopesWorkWithinTheAdminRoleOnly()
    {
        var admin = await api.NewCallerAsync("scoped-admin", admin: true);
        var adminReader = await PairAsync(admin, ["users:read"], null);
        var nonAdminReader = await PairAsync(await api.NewCallerAsync("not-admin"), ["users:read", "users:write"], null);
        var before = await api.SnapshotAsync();

        var read = await api.Client.GetAsync("/api/v1/users/", adminReader);
        var readOne = await api.Client.GetAsync($"/api/v1/users/{api.Alice.User.Id}/", adminReader);
        var write = await api.Client.PatchJsonAsync($"/api/v1/users/{api.Alice.User.Id}/", adminReader, """{"active": false}""");
        var create = await api.Client.PostJsonAsync("/api/v1/users/", adminReader, """{"username": "scoped-new", "password": "Sc0ped-passw0rd!"}""");
        var tokens = await api.Client.GetAsync("/api/v1/app_tokens/", adminReader);
        var nonAdmin = await api.Client.GetAsync("/api/v1/users/", nonAdminReader);

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.OK, readOne.Status);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Contains("users:write", write.Errors()["permission"]);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(HttpStatusCode.Forbidden, tokens.Status);
        Assert.Equal(HttpStatusCode.Forbidden, nonAdmin.Status);
        Assert.Equal("Only an administrator may do this.", nonAdmin.Errors()["permission"]);
        Assert.Equal(before, await api.SnapshotAsync());
    }

    [Fact]
    public async Task LoginWorksWithAScopedAppTokenAndItsRequestsStayWithinTheAppTokensScopes()
    {
        var owner = await api.NewCallerAsync("login");
        var app = await api.NewTokenAsync(owner, TokenFamily.App, scopes: ["tokens:read"]);

        var login = await api.Client.LogInAsync(app.Secret, owner.User.UserName, ApiFixture.UserPassword);
        var list = await api.Client.SendAsync(HttpMethod.Get, "/api/v1/tokens/", appToken: app.Secret, token: login);
        var create = await api.Client.SendAsync(HttpMethod.Post, "/api/v1/tokens/", appToken: app.Secret, token: login);
        var withUnscopedApp = await api.Client.SendAsync(HttpMethod.Post, "/api/v1/tokens/", appToken: owner.AppToken, token: login);
        var item = await api.Client.SendAsync(HttpMethod.Get, "/api/v1/tokens/?kind=login", appToken: app.Secret, token: login);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(HttpStatusCode.Created, withUnscopedApp.Status);
        Assert.Null(Assert.Single(item.Json!.AsArray())!["scopes"]);
    }

    [Fact]
    public async Task ListsFilterByAScopeTheTokenCarries()
    {
        var owner = await api.NewCallerAsync("filter");
        var reader = await api.NewTokenAsync(owner, TokenFamily.App, scopes: ["orders:read"]);
        await api.NewTokenAsync(owner, TokenFamily.App, scopes: ["orders:read-all", "orders:write"]);

        var listed = await api.Client.GetAsync("/api/v1/app_tokens/?scope=orders:read", owner);
        var users = await api.Client.GetAsync("/api/v1/tokens/?scope=orders:read", owner);
        var bad = await api.Client.GetAsync("/api/v1/app_tokens/?scope=Orders%20Read", owner);

        Assert.Equal(reader.Token.Accessor, Assert.Single(listed.Json!.AsArray())!["accessor"]!.GetValue<string>());
        Assert.Equal("1", listed.Header("X-Total-Count"));
        Assert.Empty(users.Json!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(["scope"], bad.Errors().Keys);
    }

    [Fact]
    public async Task TheAuditLogRecordsANewTokensScopes()
    {
        var created = await api.Client.PostJsonAsync("/api/v1/app_tokens/", api.Alice, """{"scopes": ["orders:write", "orders:read"]}""");
        var accessor = (await api.Client.GetAsync(created.Header("Location")!, api.Alice)).Json!["accessor"]!.GetValue<string>();

        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        var audited = await db.AuditEvents.SingleAsync(a => a.TargetAccessor == accessor);
        Assert.Equal(AuditActions.AppTokenCreated, audited.Action);
        Assert.Equal("scopes=orders:read orders:write", audited.Detail);
    }

    /// <summary>A pair for <paramref name="owner"/> whose app token and user token carry the given scopes (null: unscoped).</summary>
    private async Task<Caller> PairAsync(Caller owner, string[]? appScopes, string[]? userScopes)
    {
        var app = await api.NewTokenAsync(owner, TokenFamily.App, scopes: appScopes);
        var user = await api.NewTokenAsync(owner, TokenFamily.User, scopes: userScopes);
        return owner with { AppToken = app.Secret, AppTokenAccessor = app.Token.Accessor, Token = user.Secret, TokenAccessor = user.Token.Accessor };
    }

    private static List<string> Scopes(JsonNode item) => item["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
}

public sealed class TokenScopeTestsOnSqlite(ApiFixture api) : TokenScopeTests(api), IClassFixture<ApiFixture>;

public sealed class TokenScopeTestsOnPostgres(PostgresApiFixture api) : TokenScopeTests(api), IClassFixture<PostgresApiFixture>;
