using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Api;

/// <summary>Three logins a minute, and each request from the client address named in its X-Test-Client header.</summary>
public sealed class ThreeLoginsAMinute : ApiFixture
{
    public ThreeLoginsAMinute() : base(new() { ["Enfix:RateLimits:LoginPerMinute"] = "3" }) =>
        Factory.TestServices = services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue("X-Test-Client", out var address))
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class LoginRateLimitTests(ThreeLoginsAMinute api) : IClassFixture<ThreeLoginsAMinute>
{
    [Fact]
    public async Task LoginAttemptsPastTheLimitAreRefusedWithRetryAfterAndOtherEndpointsAreNot()
    {
        for (var attempt = 0; attempt < 3; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync("192.0.2.1")).Status);

        var refused = await TryAsync("192.0.2.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(["rate_limit"], refused.Errors().Keys);
        Assert.True(int.TryParse(refused.Header("Retry-After"), out var seconds) && seconds is >= 1 and <= 60, refused.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", api.Admin)).Status);
    }

    [Fact]
    public async Task EachClientAddressHasItsOwnAllowance()
    {
        for (var attempt = 0; attempt < 4; attempt++) await TryAsync("198.51.100.1");

        var otherAddress = await TryAsync("198.51.100.2");

        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.Status);
        Assert.Equal(["credentials"], otherAddress.Errors().Keys);
    }

    private async Task<ApiAnswer> TryAsync(string clientAddress)
    {
        using var content = ApiClient.Form(("username", "admin"), ("password", "Wr0ng-password!"), ("app_token", api.Admin.AppToken));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/token/") { Content = content, Headers = { { "X-Test-Client", clientAddress } } };
        var response = await api.Client.Http.SendAsync(request);
        return new ApiAnswer(response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }
}
