using System.Net;
using System.Net.WebSockets;

namespace EnfixPortal.Tests.Nodes;

/// <summary>What a page on another site can do with a signed-in administrator's browser, against the real Kestrel server:
/// neither sign the administrator out nor open the portal's live connection.</summary>
public sealed class CrossSiteTests(SingleNode single) : IClassFixture<SingleNode>
{
    private Uri Portal => single.Node.Http.BaseAddress!;

    [Fact]
    public async Task AFormPostFromAnotherSiteWithoutTheAntiforgeryTokenDoesNotSignOut()
    {
        using var browser = new PortalBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(Portal, "admin", Node.AdminPassword)).StatusCode);

        // The worst case: the browser sends the session cookie along with the other site's form.
        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(Portal, "/account/logout"))
        {
            Headers = { { "Origin", "http://evil.example" } },
            Content = new FormUrlEncodedContent([new("x", "1")]),
        };
        using var answer = await browser.Http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Set-Cookie") && answer.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".EnfixPortal.Session")));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(new Uri(Portal, "/users"))).StatusCode);

        using var signedOut = await browser.SignOutAsync(Portal);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync(new Uri(Portal, "/users"))).StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://127.0.0.1.evil.example", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.SwitchingProtocols)]
    public async Task TheLiveConnectionOpensOnlyFromThePortalsOwnPages(string? foreignOrigin, HttpStatusCode expected)
    {
        using var browser = new PortalBrowser();
        await browser.SignInAsync(Portal, "admin", Node.AdminPassword);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", foreignOrigin ?? Portal.GetLeftPart(UriPartial.Authority));
        socket.Options.SetRequestHeader("Cookie", $".EnfixPortal.Session={browser.SessionCookie(Portal)}");

        try { await socket.ConnectAsync(new Uri($"ws://{Portal.Authority}/_blazor"), CancellationToken.None); }
        catch (WebSocketException) { }

        Assert.Equal(expected, socket.HttpStatusCode);
        if (socket.State == WebSocketState.Open) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }
}
