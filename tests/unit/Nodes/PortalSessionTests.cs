using System.Net;
using EnfixPortal.Api.Sessions;

namespace EnfixPortal.Tests.Nodes;

/// <summary>A portal session ends on the server: the old cookie, replayed after sign-out or after an administrator
/// ended the user's sessions, opens nothing — on the node that ended it or on any other.</summary>
public sealed class PortalSessionTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task AfterSignOutOnOneNodeTheOldCookieIsRefusedOnBoth()
    {
        var (a, b) = (nodes.A.Http.BaseAddress!, nodes.B.Http.BaseAddress!);
        using var browser = new PortalBrowser();
        await browser.SignInAsync(a, "admin", Node.AdminPassword);
        var stolen = browser.SessionCookie(a);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(b, stolen, "/users")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignOutAsync(a)).StatusCode);

        foreach (var node in new[] { a, b })
        foreach (var path in new[] { "/users", "/audit/export.csv" })
        {
            using var replayed = await ReplayAsync(node, stolen, path);
            Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
            Assert.Contains("/account/login", replayed.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task EndingAllOfAUsersSessionsSignsOutEveryBrowser()
    {
        var (a, b) = (nodes.A.Http.BaseAddress!, nodes.B.Http.BaseAddress!);
        using var first = new PortalBrowser();
        using var second = new PortalBrowser();
        await first.SignInAsync(a, "admin", Node.AdminPassword);
        await second.SignInAsync(b, "admin", Node.AdminPassword);
        var sessions = nodes.B.Get<PortalSessions>();
        var own = await sessions.ListOwnAsync(await nodes.B.AdminAsync());
        Assert.True(own.Value!.Count >= 2);

        var ended = await sessions.EndAllAsync(await nodes.B.AdminAsync(), "admin");

        Assert.True(ended.Value >= 2);
        Assert.Equal(HttpStatusCode.Redirect, (await first.Http.GetAsync(new Uri(a, "/users"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.Http.GetAsync(new Uri(b, "/users"))).StatusCode);
    }

    private static async Task<HttpResponseMessage> ReplayAsync(Uri node, string cookie, string path)
    {
        using var attacker = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, path)) { Headers = { { "Cookie", $".EnfixPortal.Session={cookie}" } } };
        return await attacker.SendAsync(request);
    }
}
