using EnfixPortal.Api.Gateway;
using EnfixPortal.Api.Model;
using EnfixPortal.Tests.Api;
using EnfixPortal.Tests.Infrastructure;
using System.Net;

namespace EnfixPortal.Tests.Gateway;

public abstract class AuthCheckTests(ApiFixture api)
{
    private const string Check = "/api/v1/auth/check";

    [Fact]
    public async Task AGoodPairIsAnsweredWithTheIdentityHeadersAndNoBody()
    {
        var alice = api.Alice;

        var answer = await api.Client.GetAsync(Check, alice);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("", answer.Body);
        Assert.Equal(alice.User.Id, answer.Header("Enfix-User-Id"));
        Assert.Equal(alice.User.UserName, answer.Header("Enfix-Username"));
        Assert.Equal("", answer.Header("Enfix-Roles"));
        Assert.Equal("obo", answer.Header("Enfix-Token-Kind"));
        Assert.Equal(alice.User.Id, answer.Header("Enfix-App-Token-Owner"));
        Assert.Equal("*", answer.Header("Enfix-Scopes"));
        var me = (await api.Client.GetAsync("/api/v1/me", alice)).Json!;
        Assert.Equal(me["token"]!["expires_at"]!.GetValue<string>(), answer.Header("Enfix-Token-Expires-At"));
        Assert.Equal("no-store", answer.Header("Cache-Control"));
    }

    [Fact]
    public async Task TheExpiryIsTheEarlierOfTheTwoTokensAndTheAppOwnerMayBeAnotherUser()
    {
        var app = await api.NewTokenAsync(api.Admin, TokenFamily.App, seconds: 3600);
        var pair = api.Bob with { AppToken = app.Secret };

        var answer = await api.Client.GetAsync(Check, pair);

        Assert.Equal(api.Admin.User.Id, answer.Header("Enfix-App-Token-Owner"));
        Assert.Equal(api.Bob.User.Id, answer.Header("Enfix-User-Id"));
        Assert.Equal(api.Factory.Time.GetUtcNow().UtcDateTime.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), answer.Header("Enfix-Token-Expires-At"));
        Assert.Equal("admin", (await api.Client.GetAsync(Check, api.Admin)).Header("Enfix-Roles"));
    }

    [Theory]
    [InlineData("POST", "/api/v1/auth/check")]
    [InlineData("PUT", "/api/v1/auth/check/")]
    [InlineData("DELETE", "/api/v1/auth/check")]
    [InlineData("PROPFIND", "/api/v1/auth/check")]
    [InlineData("PATCH", "/api/v1/auth/check/orders/17?x=1")]
    [InlineData("GET", "/api/v1/auth/check/orders/17")]
    public async Task AnyMethodAndAnyOriginalPathBehindTheCheckIsAnsweredAlike(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{not json at all") };
        request.Headers.Add("App-Token", api.Alice.AppToken);
        request.Headers.Add("Token", api.Alice.Token);
        request.Headers.Add("X-Forwarded-Method", "DELETE");
        request.Headers.Add("X-Forwarded-Uri", "/orders/17?token=" + api.Alice.Token);
        request.Headers.Add("X-Original-URI", "/orders/17");

        using var response = await api.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(api.Alice.User.Id, response.Headers.GetValues("Enfix-User-Id").Single());
        Assert.DoesNotContain(api.Factory.Logs.Lines, line => line.Contains(api.Alice.Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "app_token")]
    [InlineData("app", null, "token")]
    [InlineData("app", "unknown", "token")]
    [InlineData("unknown", "user", "app_token")]
    public async Task AMissingOrBadPairIs401InTheErrorShapeWithoutIdentityHeaders(string? app, string? user, string field)
    {
        var appToken = app switch { "app" => api.Alice.AppToken, "unknown" => new string('a', 32), _ => null };
        var userToken = user switch { "user" => api.Alice.Token, "unknown" => new string('b', 32), _ => null };

        var answer = await api.Client.SendAsync(HttpMethod.Get, Check, appToken: appToken, token: userToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal([field], answer.Errors().Keys);
        Assert.All(IdentityHeaders.Names, name => Assert.Null(answer.Header(name)));
    }

    [Fact]
    public async Task ARequiredScopeIsCheckedAgainstWhatBothTokensAllow()
    {
        var owner = await api.NewCallerAsync("gate");
        var pair = await api.ScopedPairAsync(owner, ["orders:read", "orders:write"], ["orders:read", "invoices:read"]);

        var granted = await api.Client.GetAsync($"{Check}?scope=orders:read", pair);
        var onlyApp = await api.Client.GetAsync($"{Check}?scope=orders:write", pair);
        var oneOfTwo = await api.Client.GetAsync($"{Check}?scope=orders:read&scope=invoices:read", pair);
        var unscoped = await api.Client.GetAsync($"{Check}?scope=anything:at-all&scope=orders:write", owner);

        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal("orders:read", granted.Header("Enfix-Scopes"));
        Assert.Equal(HttpStatusCode.Forbidden, onlyApp.Status);
        Assert.Equal(["permission"], onlyApp.Errors().Keys);
        Assert.Contains("orders:write", onlyApp.Errors()["permission"]);
        Assert.Null(onlyApp.Header("Enfix-User-Id"));
        Assert.Equal(HttpStatusCode.Forbidden, oneOfTwo.Status);
        Assert.Contains("invoices:read", oneOfTwo.Errors()["permission"]);
        Assert.Equal(HttpStatusCode.OK, unscoped.Status);
    }

    [Theory]
    [InlineData("?scope=")]
    [InlineData("?scope")]
    [InlineData("?scope=orders:read&scope=")]
    [InlineData("?scope=Orders")]
    [InlineData("?scope=orders%20read")]
    [InlineData("?scope=orders%0D%0AX-Evil:1")]
    [InlineData("long")]
    [InlineData("many")]
    public async Task ABadScopeParameterIs400(string query)
    {
        query = query switch
        {
            "long" => "?scope=" + new string('a', 5000),
            "many" => string.Concat(Enumerable.Range(0, 51).Select(i => $"{(i == 0 ? '?' : '&')}scope=s{i}")),
            _ => query,
        };

        var answer = await api.Client.GetAsync(Check + query, api.Alice);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["scope"], answer.Errors().Keys);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedAtTheNextCheckAndARoleChangeShowsThere()
    {
        var pair = await api.NewCallerAsync("revoked");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync(Check, pair)).Status);

        var granted = await api.Client.PatchJsonAsync($"/api/v1/users/{pair.User.Id}", api.Admin, """{"roles": ["admin"]}""");
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal("admin", (await api.Client.GetAsync(Check, pair)).Header("Enfix-Roles"));

        var expired = await api.Client.PatchJsonAsync($"/api/v1/tokens/{pair.TokenAccessor}", api.Admin, """{"seconds_until_expire": -1}""");
        Assert.Equal(HttpStatusCode.OK, expired.Status);
        var refused = await api.Client.GetAsync(Check, pair);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(["token"], refused.Errors().Keys);
    }

    [Fact]
    public async Task AWarmCheckSendsNoSql()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"{Check}?scope=x", api.Bob)).Status);
        using var counter = new DatabaseCommandCounter(api.Factory.Database);

        for (var i = 0; i < 50; i++) Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"{Check}?scope=x", api.Bob)).Status);

        Assert.Equal(0, counter.Count);
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("josé", "jos%C3%A9")]
    [InlineData("a\r\nX-Evil: 1", "a%0D%0AX-Evil%3A%201")]
    public void AHeaderValueIsPrintableAsciiWithoutLineBreaks(string value, string sent) => Assert.Equal(sent, IdentityHeaders.Safe(value));
}

public sealed class AuthCheckTestsOnSqlite(ApiFixture api) : AuthCheckTests(api), IClassFixture<ApiFixture>;

public sealed class AuthCheckTestsOnPostgres(PostgresApiFixture api) : AuthCheckTests(api), IClassFixture<PostgresApiFixture>;
