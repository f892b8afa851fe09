using System.Net;
using System.Text;

namespace EnfixPortal.Tests.Operations;

/// <summary>What the real Kestrel server puts on the wire for API answers: JSON of the length it says, whatever its
/// status, and no server name. <c>/me</c> and every error go out whole with their Content-Length (serialized before,
/// one write); other answers are the framework's, which may stream them chunked.</summary>
public sealed class ApiWireTests : RealServerTests
{
    [Fact]
    public async Task EveryKindOfApiAnswerIsJsonAndMeAndErrorsGoOutWhole()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        var login = await RealServerSession.LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);

        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/me", AppToken, login, HttpStatusCode.OK);
        await AssertSentAsync(server.Http, HttpMethod.Get, "/api/v1/app_tokens/", AppToken, login, HttpStatusCode.OK);
        await AssertSentAsync(server.Http, HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, HttpStatusCode.Created,
            """{"seconds_until_expire": 60}""");
        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/me", AppToken, null, HttpStatusCode.Unauthorized);
        await AssertSentWholeAsync(server.Http, HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, HttpStatusCode.BadRequest,
            """{"seconds_until_expire": "soon"}""");
        await AssertSentWholeAsync(server.Http, HttpMethod.Get, "/api/v1/nowhere", AppToken, login, HttpStatusCode.NotFound);
    }

    private static async Task AssertSentWholeAsync(HttpClient http, HttpMethod method, string path, string appToken, string? token,
        HttpStatusCode expected, string? json = null)
    {
        using var response = await AssertSentAsync(http, method, path, appToken, token, expected, json);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).Length, response.Content.Headers.ContentLength);
    }

    private static async Task<HttpResponseMessage> AssertSentAsync(HttpClient http, HttpMethod method, string path, string appToken,
        string? token, HttpStatusCode expected, string? json = null)
    {
        using var request = RealServerSession.NewRequest(method, path, appToken, token, json);
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("{", Encoding.UTF8.GetString(body).TrimStart('['), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.Server)}");
        return response;
    }
}
