using System.Net;
using static EnfixPortal.Tests.Infrastructure.WrongSecrets;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>A client that keeps one connection open and changes the token pair it sends: every request is judged on its
/// own pair, whatever the connection sent before (the server remembers the hashes of a connection's last pair).</summary>
public sealed class KeepAliveTokenTests : RealServerTests
{
    [Fact]
    public async Task EachRequestOnOneConnectionIsJudgedOnThePairItCarries()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        var admin = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);
        var (_, bob) = await SendAsync(server.Http, HttpMethod.Post, "/api/v1/users/", AppToken, admin,
            """{"username": "bob", "password": "B0b-passw0rd!"}""");
        var (_, obo) = await SendAsync(server.Http, HttpMethod.Post, "/api/v1/tokens/", AppToken, admin,
            $$"""{"user": "{{bob!["_id"]}}"}""");
        var bobToken = obo!["token"]!.GetValue<string>();
        using var connection = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = server.Address };

        Assert.Equal("admin", await UserNameAsync(connection, AppToken, admin));
        Assert.Equal("bob", await UserNameAsync(connection, AppToken, bobToken));
        Assert.Equal("admin", await UserNameAsync(connection, AppToken, admin));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(connection, AppToken, OneLetterOff(admin, ^1)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(connection, OneLetterOff(AppToken, ^1), admin));
        Assert.Equal("bob", await UserNameAsync(connection, AppToken, bobToken));

        // Revoked over another connection: refused on this one at its very next request.
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(server.Http, HttpMethod.Delete, $"/api/v1/tokens/{bobToken}/", AppToken, admin)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(connection, AppToken, bobToken));
        Assert.Equal("admin", await UserNameAsync(connection, AppToken, admin));
    }

    private static async Task<string> UserNameAsync(HttpClient http, string appToken, string token)
    {
        var (status, json) = await SendAsync(http, HttpMethod.Get, "/api/v1/me", appToken, token);
        Assert.Equal(HttpStatusCode.OK, status);
        return json!["username"]!.GetValue<string>();
    }
}
