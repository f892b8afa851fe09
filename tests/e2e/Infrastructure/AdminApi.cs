using System.Net;
using System.Text;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>The real API over HTTP as an administrator's script calls it, with an app token and an OBO token of the
/// bootstrap administrator.</summary>
public sealed class AdminApi : IDisposable
{
    private readonly HttpClient _http;

    private AdminApi(HttpClient http) => _http = http;

    public static async Task<AdminApi> CreateAsync(PortalServer server)
    {
        var admin = (await server.Services.GetRequiredService<UserQueries>().FindByNameAsync(PortalServer.AdminUserName))!;
        var actor = new Actor(admin.Id, admin.UserName, true, Door.Cli);
        var tokens = server.Services.GetRequiredService<TokenService>();
        var app = (await tokens.CreateAppTokenAsync(actor, new CreateTokenRequest(Name: "script"))).Value!;
        var user = (await tokens.CreateOboTokenAsync(actor, new CreateTokenRequest(Name: "script"))).Value!;
        var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Add("App-Token", app.Secret);
        http.DefaultRequestHeaders.Add("Token", user.Secret);
        return new AdminApi(http);
    }

    /// <summary>Creates an app token; returns the path of its item (its accessor's).</summary>
    public async Task<string> CreateAppTokenAsync(string name)
    {
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/app_tokens/", $$"""{"name": "{{name}}"}""", HttpStatusCode.Created);
        return created.Headers.Location!.ToString();
    }

    public async Task ExpireAsync(string item) =>
        (await SendAsync(HttpMethod.Patch, item, """{"seconds_until_expire": -1}""", HttpStatusCode.OK)).Dispose();

    public async Task DeleteAsync(string item) => (await SendAsync(HttpMethod.Delete, item, null, HttpStatusCode.NoContent)).Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public void Dispose() => _http.Dispose();
}
