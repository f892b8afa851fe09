using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EnfixPortal.E2E.Infrastructure;

namespace EnfixPortal.E2E;

/// <summary>The README's curl session, step by step, against the real Kestrel server.</summary>
[Collection(PortalCollection.Name)]
public sealed class SeedSessionTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task TheReadmeCurlSessionWorksOnTheRealServer()
    {
        using var http = Fixture.Server.CreateHttpClient();
        var appToken = await Fixture.Server.NewAdminAppTokenAsync("seed session");

        var login = await SendAsync(http, HttpMethod.Post, "/api/v1/token/", appToken, null,
            new StringContent($"username={PortalServer.AdminUserName}&password={Uri.EscapeDataString(PortalServer.AdminPassword)}",
                Encoding.UTF8, "application/x-www-form-urlencoded"));
        var token = login["token"]!.GetValue<string>();

        var app = await SendAsync(http, HttpMethod.Post, "/api/v1/app_tokens/", appToken, token, Json("""{"seconds_until_expire": 86400}"""));
        Assert.Equal(["app_token"], app.AsObject().Select(p => p.Key));

        var user = await SendAsync(http, HttpMethod.Post, "/api/v1/users/", appToken, token,
            Json($$"""{"username": "alice-{{Guid.NewGuid():N}}", "password": "Al1ce-passw0rd!"}"""));
        var userId = user["_id"]!.GetValue<string>();

        var obo = await SendAsync(http, HttpMethod.Post, "/api/v1/tokens/", appToken, token,
            Json($$"""{"seconds_until_expire": 86400, "user": "{{userId}}"}"""));
        var oboToken = obo["token"]!.GetValue<string>();

        var invalid = await SendAsync(http, HttpMethod.Post, "/api/v1/tokens/", appToken, token,
            Json("""{"seconds_until_expire": 86400, "user": "52c5fc24a64c9efc0f25353"}"""), HttpStatusCode.BadRequest);
        Assert.Equal("""{"errors":{"user":"One or more IDs are not formatted correctly."}}""", invalid.ToJsonString());

        var expired = await SendAsync(http, HttpMethod.Patch, $"/api/v1/tokens/{oboToken}/", appToken, token, Json("""{"seconds_until_expire": -1}"""));
        Assert.True(expired["expired"]!.GetValue<bool>());

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/tokens/{oboToken}/") { Headers = { { "App-Token", appToken }, { "Token", token } } };
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(delete)).StatusCode);
    }

    private static async Task<JsonNode> SendAsync(HttpClient http, HttpMethod method, string path, string appToken, string? token,
        HttpContent content, HttpStatusCode? expected = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("App-Token", appToken);
        if (token is not null) request.Headers.Add("Token", token);
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));
}
