using System.Net;
using EnfixPortal.Tests.Api;

namespace EnfixPortal.Tests.Operations;

/// <summary>The page a sign-in returns to, on the real server (Kestrel refuses a Location header that is not ASCII).</summary>
public sealed class SignInReturnUrlTests : RealServerTests
{
    [Fact]
    public async Task AReturnUrlWithNonAsciiTextIsFollowedPercentEncoded()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.Address };

        using var signedIn = await PortalLoginForm.PostAsync(http, "admin", ServerProcess.AdminPassword, "/users?q=é");

        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{signedIn.StatusCode}\n{server.Output}");
        Assert.EndsWith("/users?q=%C3%A9", signedIn.Headers.Location?.OriginalString);
    }
}
