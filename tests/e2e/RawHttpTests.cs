using System.Net.Sockets;
using System.Text;
using EnfixPortal.E2E.Infrastructure;

namespace EnfixPortal.E2E;

/// <summary>Requests no HttpClient would send, written byte for byte to the real Kestrel server.</summary>
[Collection(PortalCollection.Name)]
public sealed class RawHttpTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task BrokenChunkedBodyIsA400InTheApiShape()
    {
        var appToken = await Fixture.Server.NewAdminAppTokenAsync("raw http");
        var answer = await SendRawAsync(
            "POST /api/v1/token/ HTTP/1.1\r\n" +
            $"Host: {Fixture.Server.BaseAddress.Authority}\r\n" +
            $"App-Token: {appToken}\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "Connection: close\r\n\r\n" +
            "zz\r\nusername=admin\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("application/json", answer);
        Assert.Contains("{\"errors\":{\"body\":", answer);
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Fixture.Server.BaseAddress.Host, Fixture.Server.BaseAddress.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
