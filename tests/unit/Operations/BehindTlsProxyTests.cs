using EnfixPortal.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EnfixPortal.Tests.Operations;

/// <summary>The documented proxy setup: <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>.</summary>
public sealed class BehindTlsProxy() : ApiFixture(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" });

/// <summary>Behind a TLS proxy the server sees plain HTTP; the proxy's X-Forwarded-Proto turns on HSTS and Secure cookies.</summary>
public sealed class BehindTlsProxyTests(BehindTlsProxy api) : IClassFixture<BehindTlsProxy>
{
    [Fact]
    public async Task ARequestTheProxyReceivedOverHttpsGetsHstsAndSecureCookies()
    {
        using var http = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://enfix.example"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login") { Headers = { { "X-Forwarded-Proto", "https" } } };

        using var answer = await http.SendAsync(request);
        using var plain = await http.GetAsync("/account/login");

        Assert.True(answer.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("secure", answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery")).ToLowerInvariant());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery")).ToLowerInvariant());
    }
}
