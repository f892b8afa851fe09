using System.Net;
using System.Text.Json.Nodes;
using EnfixPortal.Tests.Infrastructure;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>The login limit per client address on the real server with forwarded headers on: a client that is not a
/// trusted proxy cannot escape it by claiming other addresses in X-Forwarded-For.</summary>
public sealed class TrustedProxyTests : RealServerTests
{
    private const int PerMinute = 3;

    [Fact]
    public async Task AClientThatIsNotATrustedProxyCannotForgeItsAddress()
    {
        await using var server = await StartAsync(new() { ["Enfix__Proxy__TrustedProxies__0"] = "10.9.8.7" });

        var statuses = await LogInFromForgedAddressesAsync(server, PerMinute + 2);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task ATrustedProxyPassesOnEachClientsAddress()
    {
        await using var server = await StartAsync(new() { ["Enfix__Proxy__TrustedNetworks__0"] = "127.0.0.0/8" });

        var statuses = await LogInFromForgedAddressesAsync(server, PerMinute + 2);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task ATokensLastUseNamesTheClientATrustedProxyForwarded()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path, new Dictionary<string, string>
        {
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Enfix__Proxy__TrustedNetworks__0"] = "127.0.0.0/8",
            ["Enfix__Tokens__LastUsedFlushInterval"] = "00:00:00.200",
        });
        var token = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);

        JsonNode? item = null;
        await WebhookReceiver.WaitUntilAsync(async () =>
        {
            using var get = NewRequest(HttpMethod.Get, $"/api/v1/tokens/{token}/", AppToken, token);
            get.Headers.Add("X-Forwarded-For", "203.0.113.50");
            get.Headers.TryAddWithoutValidation("User-Agent", "probe/1.0");
            using var answer = await server.Http.SendAsync(get);
            item = JsonNode.Parse(await answer.Content.ReadAsStringAsync());
            return item?["last_used_ip"] is not null;
        }, "the token's last use written");

        Assert.Equal("203.0.113.50", item!["last_used_ip"]!.GetValue<string>());
        Assert.Equal("probe/1.0", item["last_used_user_agent"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInvalidTrustedNetworkStopsTheStart()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(new() { ["Enfix__Proxy__TrustedNetworks__0"] = "10.0.0.0/99" }));

        Assert.Contains("Enfix:Proxy:TrustedNetworks", refused.Message);
    }

    private Task<ServerProcess> StartAsync(Dictionary<string, string> proxy) => ServerProcess.StartAsync(Database.Path, new Dictionary<string, string>(proxy)
    {
        ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        ["Enfix__RateLimits__LoginPerMinute"] = PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>Logs in as many times, each claiming another client address; the status of each.</summary>
    private async Task<List<HttpStatusCode>> LogInFromForgedAddressesAsync(ServerProcess server, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= count; i++)
        {
            using var login = NewRequest(HttpMethod.Post, "/api/v1/token/", AppToken, null,
                content: new FormUrlEncodedContent([new("username", "admin"), new("password", ServerProcess.AdminPassword)]));
            login.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            using var answer = await server.Http.SendAsync(login);
            statuses.Add(answer.StatusCode);
        }
        return statuses;
    }
}
