using System.Net;
using System.Text.Json.Nodes;
using EnfixPortal.Api.Tokens;

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
