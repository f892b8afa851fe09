using System.Net;

namespace EnfixPortal.Tests.Api;

public sealed class ThreeLoginsAMinute() : ApiFixture(new() { ["Enfix:RateLimits:LoginPerMinute"] = "3" });

public sealed class LoginRateLimitTests(ThreeLoginsAMinute api) : IClassFixture<ThreeLoginsAMinute>
{
    [Fact]
    public async Task LoginAttemptsPastTheLimitAreRefusedWithRetryAfterAndOtherEndpointsAreNot()
    {
        for (var attempt = 0; attempt < 3; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync()).Status);

        var refused = await TryAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(["rate_limit"], refused.Errors().Keys);
        Assert.True(int.TryParse(refused.Header("Retry-After"), out var seconds) && seconds is >= 1 and <= 60, refused.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", api.Admin)).Status);
    }

    private Task<ApiAnswer> TryAsync() => api.Client.SendAsync(HttpMethod.Post, "/api/v1/token/", appToken: api.Admin.AppToken,
        content: ApiClient.Form(("username", "admin"), ("password", "Wr0ng-password!")));
}
