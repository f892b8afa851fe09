using System.Net;
using EnfixPortal.Api.Users;

namespace EnfixPortal.Tests.Nodes;

/// <summary>The API's login and the portal's sign-in form spend one allowance per client address, on the real server.</summary>
public sealed class SignInLimitTests(SingleNode single) : IClassFixture<SingleNode>
{
    private Uri Portal => single.Node.Http.BaseAddress!;

    [Fact]
    public async Task PortalAndApiSignInsShareOneAllowancePerAddress()
    {
        using var browser = new PortalBrowser();
        for (var attempt = 0; attempt < SingleNode.LoginsPerMinute / 2; attempt++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await ApiLoginAsync()).StatusCode);
            using var portal = await browser.SignInAsync(Portal, "nobody", "Wr0ng-password!");
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
            Assert.Contains(PasswordSignIn.Refused, await portal.Content.ReadAsStringAsync());
        }

        using var refusedForm = await browser.SignInAsync(Portal, "admin", Node.AdminPassword);
        using var refusedApi = await ApiLoginAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refusedForm.StatusCode);
        Assert.Contains("Too many sign-in attempts from this address", await refusedForm.Content.ReadAsStringAsync());
        Assert.DoesNotContain(browser.Jar.GetCookies(Portal), c => c.Name == ".EnfixPortal.Session");
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedApi.StatusCode);
    }

    private Task<HttpResponseMessage> ApiLoginAsync() => single.Node.Http.PostAsync("/api/v1/token/",
        new FormUrlEncodedContent([new("username", "nobody"), new("password", "Wr0ng-password!"), new("app_token", "x")]));
}
