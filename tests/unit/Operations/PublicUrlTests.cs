using System.Net;
using System.Text.Json.Nodes;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>The absolute URLs of the API's answers on the real server, whatever Host header a client sends.</summary>
public sealed class PublicUrlTests : RealServerTests
{
    [Fact]
    public async Task AForgedHostNeverReachesResourceUrlLocationOrLink()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        var login = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);

        var (created, list) = await CreateAndListAsync(server, login, "evil.example");

        var own = server.Address.GetLeftPart(UriPartial.Authority);
        Assert.StartsWith($"{own}/api/v1/app_tokens/", created.Location);
        Assert.StartsWith($"{own}/api/v1/users/", created.ResourceUrl);
        Assert.DoesNotContain("evil.example", list);
        Assert.Contains($"<{own}/api/v1/app_tokens/?", list);
    }

    [Fact]
    public async Task TheConfiguredPublicUrlMakesEveryAbsoluteUrl()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path,
            new Dictionary<string, string> { ["Enfix__PublicUrl"] = "https://enfix.example.com/" });
        var login = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);

        var (created, list) = await CreateAndListAsync(server, login, "evil.example");

        Assert.StartsWith("https://enfix.example.com/api/v1/app_tokens/", created.Location);
        Assert.StartsWith("https://enfix.example.com/api/v1/users/", created.ResourceUrl);
        Assert.Contains("<https://enfix.example.com/api/v1/app_tokens/?", list);
        Assert.DoesNotContain("evil.example", list);
    }

    [Fact]
    public async Task APublicUrlThatIsNotAnHttpUrlStopsTheStart()
    {
        var start = ServerProcess.StartAsync(Database.Path, new Dictionary<string, string> { ["Enfix__PublicUrl"] = "enfix.example.com" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => start);
        Assert.Contains("Enfix:PublicUrl must be an absolute http or https URL", refused.Message);
    }

    private async Task<((string? Location, string? ResourceUrl) Created, string Link)> CreateAndListAsync(ServerProcess server, string login, string host)
    {
        using var create = NewRequest(HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, """{"seconds_until_expire": 60}""");
        create.Headers.Host = host;
        using var created = await server.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var user = NewRequest(HttpMethod.Post, "/api/v1/users/", AppToken, login, $$"""{"username": "u{{Guid.NewGuid():N}}", "password": "Us3r-Passw0rd!"}""");
        user.Headers.Host = host;
        using var userCreated = await server.Http.SendAsync(user);
        var body = JsonNode.Parse(await userCreated.Content.ReadAsStringAsync())!;
        Assert.Equal(userCreated.Headers.Location?.OriginalString, body["resource_url"]?.GetValue<string>());
        using var list = NewRequest(HttpMethod.Get, "/api/v1/app_tokens/?per_page=1", AppToken, login);
        list.Headers.Host = host;
        using var listed = await server.Http.SendAsync(list);
        return ((created.Headers.Location?.OriginalString, body["resource_url"]?.GetValue<string>()), string.Join(", ", listed.Headers.GetValues("Link")));
    }
}
