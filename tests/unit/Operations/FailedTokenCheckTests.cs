using System.Net;
using System.Security.Cryptography;
using EnfixPortal.Tests.Nodes;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>An address that keeps sending made-up tokens (a new one each time, which no cache of unknown tokens can
/// remember) is refused with 429 before its tokens are looked up, while clients at other addresses are served.</summary>
public sealed class FailedTokenCheckTests : RealServerTests
{
    private const int Limit = 5;

    [Fact]
    public async Task AFloodOfMadeUpTokensFromOneAddressIsCutOffWithoutTouchingOtherClients()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path,
            new Dictionary<string, string> { ["Enfix__RateLimits__FailedTokenChecksPerMinute"] = $"{Limit}" });
        var admin = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);
        using var flooder = new PortalBrowser(IPAddress.Parse("127.0.0.2"));

        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await MeFromAsync(flooder.Http, server.Address, AppToken, MadeUp()));
        using var cutOff = await flooder.Http.SendAsync(Me(server.Address, AppToken, MadeUp()));
        var body = await cutOff.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, cutOff.StatusCode);
        Assert.Contains("\"rate_limit\":\"Too many refused tokens from this address; wait ", body);
        Assert.True(cutOff.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(HttpStatusCode.TooManyRequests, await MeFromAsync(flooder.Http, server.Address, AppToken, admin));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(server.Http, AppToken, admin));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(server.Http, AppToken, MadeUp()));
    }

    private static string MadeUp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static HttpRequestMessage Me(Uri server, string appToken, string token) =>
        NewRequest(HttpMethod.Get, new Uri(server, "/api/v1/me").ToString(), appToken, token);

    private static async Task<HttpStatusCode> MeFromAsync(HttpClient client, Uri server, string appToken, string token)
    {
        using var answer = await client.SendAsync(Me(server, appToken, token));
        return answer.StatusCode;
    }
}
