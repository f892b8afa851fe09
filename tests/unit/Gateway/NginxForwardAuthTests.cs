using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Nodes;
using EnfixPortal.Tests.Operations;
using System.Net;

namespace EnfixPortal.Tests.Gateway;

/// <summary>A service behind Debian's nginx with the shipped forward-auth configuration, EnfixPortal answering its
/// auth_request on real Kestrel: what reaches the service, and what does not.</summary>
public sealed class NginxForwardAuthTests(NginxGateway gateway) : IClassFixture<NginxGateway>
{
    [Fact]
    public async Task AGoodPairReachesTheServiceWithTheIdentityHeadersAndWithoutItsTokens()
    {
        var pair = await NewPairAsync(["orders:read"], null);

        using var answer = await SendAsync("/orders/17?view=full", pair, ("Enfix-User-Id", "someone-else"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("served by the upstream", await answer.Content.ReadAsStringAsync());
        var seen = gateway.Upstream.Received.Single(r => r.Header("Enfix-User-Id") == pair.UserId);
        Assert.Equal("GET /orders/17?view=full", seen.RequestLine);
        Assert.Equal(pair.UserName, seen.Header("Enfix-Username"));
        Assert.Equal("", seen.Header("Enfix-Roles") ?? "");
        Assert.Equal("obo", seen.Header("Enfix-Token-Kind"));
        Assert.Equal(pair.UserId, seen.Header("Enfix-App-Token-Owner"));
        Assert.Equal("orders:read", seen.Header("Enfix-Scopes"));
        Assert.Equal(pair.User.Token.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), seen.Header("Enfix-Token-Expires-At"));
        Assert.Null(seen.Header("App-Token"));
        Assert.Null(seen.Header("Token"));
        Assert.DoesNotContain(gateway.Upstream.Received, r => r.Header("Enfix-User-Id") == "someone-else");
        AssertNoTokenIn(pair, gateway.Upstream.Log, gateway.AccessLog, gateway.ErrorLog);
    }

    [Fact]
    public async Task ABadOrMissingPairIsRefusedWithoutReachingTheService()
    {
        var pair = await NewPairAsync(null, null);
        var before = gateway.Upstream.Received.Count;

        using var missing = await SendAsync("/orders/1", null);
        using var wrong = await SendAsync("/orders/1", pair with { User = pair.User with { Secret = new string('c', 32) } });

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(before, gateway.Upstream.Received.Count);
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedOnTheNextRequest()
    {
        var pair = await NewPairAsync(null, null);
        using (var first = await SendAsync("/orders/2", pair)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var revoked = await gateway.Enfix.Get<TokenService>().DeleteAsync(await gateway.Enfix.AdminAsync(), TokenFamily.User, pair.User.Token.Accessor);
        Assert.True(revoked.Succeeded, revoked.Error?.Describe());

        using var next = await SendAsync("/orders/2", pair);
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
    }

    [Fact]
    public async Task ALocationThatRequiresAScopeRefusesAPairWithoutItWith403()
    {
        var reader = await NewPairAsync(["orders:read"], null);
        var admin = await NewPairAsync(["orders:read", "orders:admin"], ["orders:admin"]);
        var unscoped = await NewPairAsync(null, null);

        using var refused = await SendAsync("/orders/admin/settings", reader);
        using var allowed = await SendAsync("/orders/admin/settings", admin);
        using var everything = await SendAsync("/orders/admin/settings", unscoped);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(gateway.Upstream.Received, r => r.Header("Enfix-User-Id") == reader.UserId && r.RequestLine.Contains("/admin/"));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("orders:admin", gateway.Upstream.Received.Last(r => r.Header("Enfix-User-Id") == admin.UserId).Header("Enfix-Scopes"));
        Assert.Equal(HttpStatusCode.OK, everything.StatusCode);
        Assert.Equal("*", gateway.Upstream.Received.Last(r => r.Header("Enfix-User-Id") == unscoped.UserId).Header("Enfix-Scopes"));
    }

    [Fact]
    public void TheIntegrationGuideShowsTheTestedConfigurationWordForWord()
    {
        var guide = File.ReadAllText(Path.Combine(ReadmeScript.RepositoryRoot, "docs", "integration.md"));

        Assert.Contains("```nginx\n" + File.ReadAllText(NginxGateway.ConfigFile).TrimEnd('\n') + "\n```", guide, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Pair? pair, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (pair is not null)
        {
            request.Headers.Add("App-Token", pair.App.Secret);
            request.Headers.Add("Token", pair.User.Secret);
        }
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        return await gateway.Http.SendAsync(request);
    }

    /// <summary>A new user whose app token and user token carry the given scopes (null: unscoped).</summary>
    private async Task<Pair> NewPairAsync(string[]? appScopes, string[]? userScopes)
    {
        var admin = await gateway.Enfix.AdminAsync();
        var user = await gateway.Enfix.Get<UserService>().CreateAsync(admin, new CreateUserRequest($"g{Guid.NewGuid():N}"[..16], TwoNodes.UserPassword));
        Assert.True(user.Succeeded, user.Error?.Describe());
        var owner = admin with { UserId = user.Value!.Id, UserName = user.Value.UserName, IsAdmin = false };
        var tokens = gateway.Enfix.Get<TokenService>();
        var app = await tokens.CreateAppTokenAsync(owner, new CreateTokenRequest(Scopes: appScopes));
        var token = await tokens.CreateOboTokenAsync(owner, new CreateTokenRequest(Scopes: userScopes));
        Assert.True(app.Succeeded && token.Succeeded);
        return new Pair(user.Value.Id, user.Value.UserName, app.Value!, token.Value!);
    }

    private static void AssertNoTokenIn(Pair pair, params string[] logs)
    {
        foreach (var log in logs)
        {
            Assert.DoesNotContain(pair.App.Secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(pair.User.Secret, log, StringComparison.Ordinal);
        }
    }
}
