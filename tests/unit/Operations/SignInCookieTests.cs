using System.Net;
using System.Text.RegularExpressions;
using EnfixPortal.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EnfixPortal.Tests.Operations;

/// <summary>The portal's sign-in cookie as a real sign-in through the login form sets it.</summary>
public sealed partial class SignInCookieTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("https://enfix.example", true)]
    [InlineData("http://127.0.0.1", false)]
    public async Task TheSignInCookieIsHttpOnlyLaxAndSecureExactlyWhenServedOverHttps(string origin, bool secure)
    {
        using var http = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false });
        using var form = await http.GetAsync("/account/login");
        var html = await form.Content.ReadAsStringAsync();
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery")).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Headers = { { "Cookie", antiforgery } },
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "login"),
                new("__RequestVerificationToken", Field().Match(html).Groups[1].Value),
                new(FieldName(html, "UserName"), "admin"),
                new(FieldName(html, "Password"), ApiFactory.AdminPassword),
            ]),
        };

        using var signedIn = await http.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => !c.StartsWith(".AspNetCore.Antiforgery")).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Equal(secure, cookie.Contains("; secure"));
    }

    private static string FieldName(string html, string suffix) =>
        Regex.Match(html, $"name=\"([^\"]*{suffix})\"").Groups[1].Value is { Length: > 0 } name ? name : throw new Xunit.Sdk.XunitException($"No {suffix} field");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Field();
}
