using System.Text.Json.Nodes;
using EnfixPortal.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Tests.Api;

public sealed class ApiErrorTests
{
    [Theory]
    [InlineData(400, "body")]
    [InlineData(401, "token")]
    [InlineData(404, "path")]
    [InlineData(405, "method")]
    [InlineData(413, "body")]
    [InlineData(431, "body")]
    [InlineData(503, "server")]
    public async Task StatusSetWithoutABodyIsWrittenInTheApiShape(int status, string field)
    {
        var http = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        await ApiError.ForBareStatus(status).ExecuteAsync(http);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", http.Response.ContentType);
        http.Response.Body.Position = 0;
        var body = JsonNode.Parse(http.Response.Body)!.AsObject();
        Assert.Equal(["errors"], body.Select(p => p.Key));
        Assert.False(string.IsNullOrWhiteSpace(body["errors"]![field]!.GetValue<string>()));
        Assert.Equal(status == 401, http.Response.Headers.WWWAuthenticate.Count == 1);
    }
}
