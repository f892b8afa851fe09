using System.Net;
using System.Text;

namespace EnfixPortal.Tests.Operations;

/// <summary>What the real Kestrel server puts on the wire for API answers: each JSON body goes out whole with its
/// Content-Length (one write, no chunked framing), whatever its status, and the server does not name itself.</summary>
public sealed class ApiWireTests : RealServerTests
{
    [Fact]
    public async Task EveryKindOfApiAnswerCarriesItsLengthAndIsNotChunked()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        var login = await RealServerSession.LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);

        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/me", AppToken, login, HttpStatusCode.OK);
        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/app_tokens/", AppToken, login, HttpStatusCode.OK);
        await AssertSentWholeAsync(server.Http, HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, HttpStatusCode.Created,
            """{"seconds_until_expire": 60}""");
        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/me", AppToken, null, HttpStatusCode.Unauthorized);
        await AssertSentWholeAsync(server.Http, HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, HttpStatusCode.BadRequest,
            """{"seconds_until_expire": "soon"}""");
        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/nowhere", AppToken, login, HttpStatusCode.NotFound);
    }

    private static async Task AssertSentWholeAsync(HttpClient http, HttpMethod method, string path, string appToken, string? token,
        HttpStatusCode expected, string? json = null)
    {
        using var request = RealServerSession.NewRequest(method, path, appToken, token, json);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.StartsWith("{", Encoding.UTF8.GetString(body).TrimStart('['), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.Server)}");
    }
}
