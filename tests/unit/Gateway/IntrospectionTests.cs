using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Api;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Gateway;

public abstract class IntrospectionTests(IntrospectionFixture api)
{
    private const string Introspect = "/api/v1/introspect";

    [Fact]
    public async Task AnAdministratorsAppTokenLearnsWhomAPairSpeaksFor()
    {
        var alice = api.Alice;

        var answer = await IntrospectAsync(api.Admin, ("app_token", alice.AppToken), ("token", alice.Token));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("no-store", answer.Header("Cache-Control"));
        var json = answer.Json!.AsObject();
        Assert.Equal(["active", "sub", "username", "token_type", "exp", "iat", "client_id"], json.Select(p => p.Key));
        Assert.True(json["active"]!.GetValue<bool>());
        Assert.Equal(alice.User.Id, json["sub"]!.GetValue<string>());
        Assert.Equal(alice.User.UserName, json["username"]!.GetValue<string>());
        Assert.Equal("obo", json["token_type"]!.GetValue<string>());
        Assert.Equal(alice.AppTokenAccessor, json["client_id"]!.GetValue<string>());
        var me = (await api.Client.GetAsync("/api/v1/me", alice)).Json!;
        Assert.Equal(DateTimeOffset.Parse(me["token"]!["expires_at"]!.GetValue<string>()).ToUnixTimeSeconds(), json["exp"]!.GetValue<long>());
        Assert.True(json["iat"]!.GetValue<long>() <= api.Factory.Time.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ASingleTokenOfEitherFamilyIsIntrospectedAndScopesAreShown()
    {
        var owner = await api.NewCallerAsync("single");
        var scoped = await api.ScopedPairAsync(owner, ["orders:read", "orders:write"], ["orders:read"]);

        var app = (await IntrospectAsync(api.Admin, ("token", scoped.AppToken))).Json!;
        var user = (await IntrospectAsync(api.Admin, ("token", scoped.Token))).Json!;
        var pair = (await IntrospectAsync(api.Admin, ("app_token", scoped.AppToken), ("token", scoped.Token))).Json!;

        Assert.Equal("app", app["token_type"]!.GetValue<string>());
        Assert.Equal(scoped.AppTokenAccessor, app["client_id"]!.GetValue<string>());
        Assert.Equal("orders:read orders:write", app["scope"]!.GetValue<string>());
        Assert.Equal("obo", user["token_type"]!.GetValue<string>());
        Assert.False(user.AsObject().ContainsKey("client_id"));
        Assert.Equal(owner.User.Id, user["sub"]!.GetValue<string>());
        Assert.Equal("orders:read", pair["scope"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("unknown token")]
    [InlineData("malformed token")]
    [InlineData("expired token")]
    [InlineData("user token as app token")]
    [InlineData("pair with unknown app token")]
    public async Task AnythingNotActiveIsAnsweredActiveFalseAndNothingMore(string what)
    {
        var owner = await api.NewCallerAsync("inactive");
        if (what == "expired token")
        {
            var expired = await api.Client.PatchJsonAsync($"/api/v1/tokens/{owner.TokenAccessor}", api.Admin, """{"seconds_until_expire": -1}""");
            Assert.Equal(HttpStatusCode.OK, expired.Status);
        }
        (string, string)[] form = what switch
        {
            "unknown token" => [("token", new string('d', 32))],
            "malformed token" => [("token", "not a token\r\n")],
            "expired token" => [("token", owner.Token)],
            "user token as app token" => [("app_token", owner.Token), ("token", owner.Token)],
            _ => [("app_token", new string('e', 32)), ("token", owner.Token)],
        };

        var answer = await IntrospectAsync(api.Admin, form);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("""{"active":false}""", answer.Body);
    }

    [Fact]
    public async Task OnlyAnAdministratorsAppTokenOrAPairWithTheIntrospectScopeMayAsk()
    {
        var owner = await api.NewCallerAsync("asker");
        var granted = await GrantedByAdminAsync(owner, ["introspect"], ["introspect", "orders:read"]);
        var adminScoped = await api.ScopedPairAsync(api.Admin, ["tokens:read"], null);
        var adminAppForUser = api.Bob with { AppToken = api.Admin.AppToken };
        (string, string) asked = ("token", api.Alice.Token);

        var plainUser = await IntrospectAsync(owner, asked);
        var withScope = await IntrospectAsync(granted, asked);
        var adminWithoutScope = await IntrospectAsync(adminScoped, asked);
        var userBehindAdminApp = await IntrospectAsync(adminAppForUser, asked);

        Assert.Equal(HttpStatusCode.Forbidden, plainUser.Status);
        Assert.Equal(["permission"], plainUser.Errors().Keys);
        Assert.Equal(HttpStatusCode.OK, withScope.Status);
        Assert.True(withScope.Json!["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, adminWithoutScope.Status);
        Assert.Equal(HttpStatusCode.OK, userBehindAdminApp.Status);
    }

    [Fact]
    public async Task OnlyAnAdministratorGivesOutTheIntrospectScope()
    {
        var owner = await api.NewCallerAsync("selfgrant");
        var tokens = api.Get<TokenService>();

        var selfApp = await tokens.CreateAppTokenAsync(owner.Actor, new CreateTokenRequest(Scopes: ["introspect"]));
        var selfUser = await tokens.CreateOboTokenAsync(owner.Actor, new CreateTokenRequest(Scopes: ["orders:read", "introspect"]));
        var granted = await GrantedByAdminAsync(owner, ["introspect"], ["introspect"]);
        var passedOn = await tokens.CreateOboTokenAsync(owner.Actor with { Scopes = ScopeSet.FromStored("introspect") },
            new CreateTokenRequest(Scopes: ["introspect"]));

        Assert.Equal(ServiceErrorKind.Forbidden, selfApp.Error?.Kind);
        Assert.Equal(ServiceErrorKind.Forbidden, selfUser.Error?.Kind);
        Assert.Equal(HttpStatusCode.OK, (await IntrospectAsync(granted, ("token", api.Alice.Token))).Status);
        Assert.True(passedOn.Succeeded, passedOn.Error?.Describe());
    }

    /// <summary>A pair for <paramref name="owner"/> whose tokens an administrator made, with the given scopes.</summary>
    private async Task<Caller> GrantedByAdminAsync(Caller owner, string[] appScopes, string[] userScopes)
    {
        var tokens = api.Get<TokenService>();
        var app = (await tokens.CreateAppTokenAsync(api.Admin.Actor, new CreateTokenRequest(owner.User.Id, Scopes: appScopes))).Value!;
        var user = (await tokens.CreateOboTokenAsync(api.Admin.Actor, new CreateTokenRequest(owner.User.Id, Scopes: userScopes))).Value!;
        return owner with { AppToken = app.Secret, AppTokenAccessor = app.Token.Accessor, Token = user.Secret, TokenAccessor = user.Token.Accessor };
    }

    [Fact]
    public async Task BadRequestsAreRefusedInTheErrorShape()
    {
        var json = await api.Client.PostJsonAsync(Introspect, api.Admin, $$"""{"token": "{{api.Alice.Token}}"}""");
        var noToken = await IntrospectAsync(api.Admin, ("app_token", api.Alice.AppToken));
        var twice = await IntrospectAsync(api.Admin, ("token", api.Alice.Token), ("token", api.Bob.Token));
        var anonymous = await api.Client.SendAsync(HttpMethod.Post, Introspect, content: ApiClient.Form(("token", api.Alice.Token)));
        var get = await api.Client.GetAsync(Introspect, api.Admin);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
        Assert.Equal(["token"], noToken.Errors().Keys);
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
    }

    [Fact]
    public async Task EachCallerIsLimitedToItsOwnAllowance()
    {
        var owner = await api.NewCallerAsync("limited");
        var caller = await GrantedByAdminAsync(owner, ["introspect"], ["introspect"]);

        for (var i = 0; i < IntrospectionFixture.PerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await IntrospectAsync(caller, ("token", api.Alice.Token))).Status);
        var refused = await IntrospectAsync(caller, ("token", api.Alice.Token));
        var other = await IntrospectAsync(api.Admin, ("token", api.Alice.Token));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(["rate_limit"], refused.Errors().Keys);
        Assert.NotNull(refused.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task CallsAreAuditedAsOneEventPerCallerWithCounts()
    {
        var owner = await api.NewCallerAsync("audited");
        var caller = await GrantedByAdminAsync(owner, ["introspect"], ["introspect"]);
        for (var i = 0; i < 3; i++) await IntrospectAsync(caller, ("token", api.Alice.Token));
        for (var i = 0; i < 2; i++) await IntrospectAsync(caller, ("token", new string('f', 32)));
        Assert.Empty(await EventsOfAsync(owner));

        await api.Get<IntrospectionAudit>().FlushAsync();

        var written = Assert.Single(await EventsOfAsync(owner));
        Assert.Equal("calls=5 active=3 inactive=2", written.Detail);
        Assert.Equal(caller.AppTokenAccessor, written.TargetAccessor);
        Assert.DoesNotContain(api.Alice.Token, await api.Factory.Database.RawContentAsync(), StringComparison.Ordinal);
    }

    private async Task<List<AuditEvent>> EventsOfAsync(Caller caller)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.Action == IntrospectionAudit.Action && e.ActorId == caller.User.Id).ToListAsync();
    }

    private Task<ApiAnswer> IntrospectAsync(Caller caller, params (string Key, string Value)[] form) =>
        api.Client.SendAsync(HttpMethod.Post, Introspect, caller, ApiClient.Form(form));
}

/// <summary>The API host with a small introspection allowance, for the test that spends it.</summary>
public class IntrospectionFixture : ApiFixture
{
    public const int PerMinute = 25;

    public IntrospectionFixture() : this(Engine.Sqlite) { }

    protected IntrospectionFixture(Engine engine)
        : base(engine, new() { ["Enfix:RateLimits:IntrospectionsPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) }) { }
}

public sealed class PostgresIntrospectionFixture() : IntrospectionFixture(Engine.Postgres);

public sealed class IntrospectionTestsOnSqlite(IntrospectionFixture api) : IntrospectionTests(api), IClassFixture<IntrospectionFixture>;

public sealed class IntrospectionTestsOnPostgres(PostgresIntrospectionFixture api) : IntrospectionTests(api), IClassFixture<PostgresIntrospectionFixture>;
