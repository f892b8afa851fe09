using System.Net;
using System.Text.Json;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>What the real server prints during a whole API session, with every category at Trace — by the general rules
/// and by the console provider's own rules, which outrank any category rule — and JSON lines with scopes (the most an
/// operator can turn on): structured, with trace ids, and never a token or a password, even in a mistyped path.</summary>
public sealed class ServerLogTests : RealServerTests
{
    private const string AlicePassword = "Al1ce-passw0rd!";

    [Fact]
    public async Task AWholeApiSessionLeavesNoSecretInTheServerOutput()
    {
        var everything = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Trace",
            ["Logging__Console__LogLevel__Default"] = "Trace",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
        };
        await using var server = await ServerProcess.StartAsync(Database.Path, everything);
        var http = server.Http;
        var secrets = new List<string> { AppToken, ServerProcess.AdminPassword, AlicePassword, "Wr0ng-passw0rd!" };

        var login = await LogInAsync(http, AppToken, "admin", ServerProcess.AdminPassword);
        var (_, user) = await SendAsync(http, HttpMethod.Post, "/api/v1/users/", AppToken, login,
            $$"""{"username": "alice", "password": "{{AlicePassword}}"}""");
        var (_, app) = await SendAsync(http, HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, """{"seconds_until_expire": 86400}""");
        var newApp = app!["app_token"]!.GetValue<string>();
        var (_, obo) = await SendAsync(http, HttpMethod.Post, "/api/v1/tokens/", AppToken, login,
            $$"""{"seconds_until_expire": 86400, "user": "{{user!["_id"]}}"}""");
        var oboToken = obo!["token"]!.GetValue<string>();
        var aliceLogin = await LogInAsync(http, newApp, "alice", AlicePassword);
        secrets.AddRange([login, newApp, oboToken, aliceLogin]);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, $"/api/v1/app_tokens/{newApp}/", AppToken, login)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Patch, $"/api/v1/tokens/{oboToken}/", AppToken, login,
            """{"seconds_until_expire": -1}""")).Status);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, newApp, aliceLogin));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, AppToken, oboToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Post, "/api/v1/token/", AppToken, null,
            content: new FormUrlEncodedContent([new("username", "alice"), new("password", "Wr0ng-passw0rd!")]))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, AppToken, new string('f', 32)));
        await SendAsync(http, HttpMethod.Get, $"/api/v1/no-such-thing/{aliceLogin}", AppToken, login);
        foreach (var mistyped in new[] { $"{aliceLogin}x/", $"{aliceLogin}%2F", $"{aliceLogin.ToUpperInvariant()}/", $"x{aliceLogin}/",
                     $"?token={aliceLogin}", $"{aliceLogin}/?token={aliceLogin}" })
            await SendAsync(http, HttpMethod.Get, $"/api/v1/tokens/{mistyped}", AppToken, login);
        await http.GetAsync($"/users/{aliceLogin}?token={aliceLogin}");
        await SendAsync(http, HttpMethod.Delete, $"/api/v1/tokens/{oboToken}/", AppToken, login);
        await SendAsync(http, HttpMethod.Delete, $"/api/v1/app_tokens/{newApp}/", AppToken, login);
        Assert.Equal(0, await server.TerminateAsync());

        var output = server.Output;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var secret in secrets)
            if (lines.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)) is { } shown)
                Assert.Fail("A line shows a secret: " + shown.Replace(secret, "<SECRET>", StringComparison.OrdinalIgnoreCase));
        var requestLines = lines.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(line => line.GetProperty("Category").GetString() == "EnfixPortal.AccessLog").ToList();
        Assert.Contains(requestLines, line => line.GetProperty("Message").GetString()!.Contains($"/api/v1/tokens/{aliceLogin[..4]}…x/"));
        Assert.All(requestLines, line => Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("State").GetProperty("TraceId").GetString()));
    }
}
