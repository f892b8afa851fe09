using System.Net;
using EnfixPortal.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EnfixPortal.Tests.Operations;

/// <summary>The portal's sign-in cookie as a real sign-in through the login form sets it.</summary>
public sealed class SignInCookieTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("https://enfix.example", true)]
    [InlineData("http://127.0.0.1", false)]
    public async Task TheSignInCookieIsHttpOnlyLaxAndSecureExactlyWhenServedOverHttps(string origin, bool secure)
    {
        using var http = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false });

        using var signedIn = await PortalLoginForm.PostAsync(http, "admin", ApiFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = PortalLoginForm.SessionCookies(signedIn).Single().ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Equal(secure, cookie.Contains("; secure"));
    }
}
