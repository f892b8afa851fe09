using EnfixPortal.Api.Model;
using System.Net;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Api;

/// <summary><c>GET /api/v1/me</c> serializes its answer once per token pair and reuses it while the validation cache holds
/// the same entries: whatever changes what it shows is shown at the very next request.</summary>
public sealed class MeAnswerTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ANewExpiryOfEitherTokenShowsAtTheNextRequest()
    {
        var caller = await api.NewCallerAsync("me-expiry");
        var before = await MeAsync(caller);

        await PatchAsync($"/api/v1/app_tokens/{caller.AppTokenAccessor}/", caller, """{"seconds_until_expire": 3600}""");
        var appRetimed = await MeAsync(caller);
        await PatchAsync($"/api/v1/tokens/{caller.TokenAccessor}/", caller, """{"seconds_until_expire": 7200}""");
        var bothRetimed = await MeAsync(caller);

        Assert.NotEqual("2026-11-28T10:00:00Z", ExpiresAt(before, "app_token"));
        Assert.Equal("2026-11-28T10:00:00Z", ExpiresAt(appRetimed, "app_token"));
        Assert.Equal(ExpiresAt(before, "token"), ExpiresAt(appRetimed, "token"));
        Assert.Equal("2026-11-28T10:00:00Z", ExpiresAt(bothRetimed, "app_token"));
        Assert.Equal("2026-11-28T11:00:00Z", ExpiresAt(bothRetimed, "token"));
    }

    [Fact]
    public async Task GrantingAndRemovingTheAdminRoleShowsAtTheNextRequest()
    {
        var caller = await api.NewCallerAsync("me-roles");
        var before = await MeAsync(caller);

        await PatchAsync($"/api/v1/users/{caller.User.Id}/", api.Admin, """{"roles": ["admin"]}""");
        var granted = await MeAsync(caller);
        await PatchAsync($"/api/v1/users/{caller.User.Id}/", api.Admin, """{"roles": []}""");
        var removed = await MeAsync(caller);

        Assert.Empty(Roles(before));
        Assert.Equal(["admin"], Roles(granted));
        Assert.Empty(Roles(removed));
    }

    [Fact]
    public async Task OneUserTokenSentWithTwoAppTokensShowsTheAppTokenOfEachRequest()
    {
        var caller = await api.NewCallerAsync("me-apps");
        var other = await api.NewTokenAsync(caller, TokenFamily.App, seconds: 600);
        var withOther = caller with { AppToken = other.Secret };

        for (var round = 0; round < 2; round++)
        {
            var first = await MeAsync(caller);
            var second = await MeAsync(withOther);
            Assert.Equal(caller.AppTokenAccessor, first["app_token"]!["accessor"]!.GetValue<string>());
            Assert.Equal(other.Token.Accessor, second["app_token"]!["accessor"]!.GetValue<string>());
            Assert.Equal("2026-11-28T09:10:00Z", ExpiresAt(second, "app_token"));
            Assert.Equal(caller.TokenAccessor, second["token"]!["accessor"]!.GetValue<string>());
        }
    }

    private async Task<JsonNode> MeAsync(Caller caller)
    {
        var me = await api.Client.GetAsync("/api/v1/me", caller);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        return me.Json!;
    }

    private async Task PatchAsync(string path, Caller caller, string json) =>
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchJsonAsync(path, caller, json)).Status);

    private static string ExpiresAt(JsonNode me, string token) => me[token]!["expires_at"]!.GetValue<string>();

    private static IEnumerable<string> Roles(JsonNode me) => me["roles"]!.AsArray().Select(role => role!.GetValue<string>());
}
