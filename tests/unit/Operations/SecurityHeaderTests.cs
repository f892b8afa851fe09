using System.Net;
using EnfixPortal.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EnfixPortal.Tests.Operations;

/// <summary>The headers and cookie flags a browser sees, read off real answers of the whole host.</summary>
public sealed class SecurityHeaderTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/")]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/healthz")]
    [InlineData("/account/login")]
    public async Task EveryAnswerForbidsFramingSniffingAndReferrers(string path)
    {
        using var http = Client("http://localhost");

        using var answer = await http.GetAsync(path);

        Assert.True(answer.StatusCode < HttpStatusCode.InternalServerError, $"{path}: {answer.StatusCode}");
        var policy = Header(answer, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains(path.StartsWith("/api/", StringComparison.Ordinal) ? "default-src 'none'" : "default-src 'self'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.All(policy.Split(';').Where(d => d.Trim().StartsWith("script-src")), scripts => Assert.DoesNotContain("unsafe-inline", scripts));
        Assert.Equal("DENY", Header(answer, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(answer, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(answer, "Referrer-Policy"));
    }

    [Fact]
    public async Task HstsIsSentOverHttpsOnlyAndNothingIsRedirectedToHttps()
    {
        using var plain = Client("http://enfix.example");
        using var secure = Client("https://enfix.example");

        using var overHttp = await plain.PostAsync("/api/v1/token/", ApiClient.Form(("username", "admin"), ("password", ApiFactory.AdminPassword)));
        using var page = await plain.GetAsync("/account/login");
        using var overHttps = await secure.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.Unauthorized, overHttp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", Header(overHttps, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task TheAntiforgeryCookieIsHttpOnlyStrictAndSecureWhenServedOverHttps()
    {
        using var plain = Client("http://localhost");
        using var secure = Client("https://enfix.example");

        var overHttp = Cookie(await plain.GetAsync("/account/login"), ".AspNetCore.Antiforgery");
        var overHttps = Cookie(await secure.GetAsync("/account/login"), ".AspNetCore.Antiforgery");

        Assert.Contains("httponly", overHttp);
        Assert.Contains("samesite=strict", overHttp);
        Assert.DoesNotContain("secure", overHttp);
        Assert.Contains("httponly", overHttps);
        Assert.Contains("samesite=strict", overHttps);
        Assert.Contains("secure", overHttps);
    }

    private HttpClient Client(string baseAddress) =>
        api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

    private static string Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No {name} header on {answer.RequestMessage?.RequestUri}");

    private static string Cookie(HttpResponseMessage answer, string prefix) =>
        answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToLowerInvariant();
}
