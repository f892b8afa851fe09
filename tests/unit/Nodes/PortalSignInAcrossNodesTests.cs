using System.Net;
using System.Text.RegularExpressions;

namespace EnfixPortal.Tests.Nodes;

/// <summary>An administrator signs in through the real portal sign-in form on node A; the session cookie it gets
/// opens the portal on node B, as it must behind a balancer that moves a browser between nodes.</summary>
public sealed partial class PortalSignInAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task ASessionStartedOnNodeAIsSignedInOnNodeB()
    {
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false });
        var a = nodes.A.Http.BaseAddress!;
        var b = nodes.B.Http.BaseAddress!;

        var form = await browser.GetStringAsync(new Uri(a, "/account/login"));
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        var signIn = await browser.PostAsync(new Uri(a, "/account/login"), new FormUrlEncodedContent(
        [
            new("_handler", "login"), new("__RequestVerificationToken", antiforgery),
            new("Input.UserName", "admin"), new("Input.Password", Node.AdminPassword),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(jar.GetCookies(a).Cast<Cookie>(), c => c.Name == ".EnfixPortal.Session");
        var onB = await browser.GetAsync(new Uri(b, "/app-tokens"));
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Null(onB.Headers.Location);

        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var withoutCookie = await stranger.GetAsync(new Uri(b, "/app-tokens"));
        Assert.Equal(HttpStatusCode.Redirect, withoutCookie.StatusCode);
        Assert.Contains("/account/login", withoutCookie.Headers.Location!.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
