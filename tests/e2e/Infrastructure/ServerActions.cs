using EnfixPortal.Api.Common;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>What a test does to the server without the browser: set up users, and present tokens the way an API client does.</summary>
public static class ServerActions
{
    public const string UserPassword = "Us3r-Passw0rd!";

    public static async Task<UserView> CreateUserAsync(this PortalServer server, string userName, bool admin = false)
    {
        var created = await server.Services.GetRequiredService<UserService>()
            .CreateAsync(Actor.Cli(), new CreateUserRequest(userName, UserPassword, Admin: admin));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    /// <summary>Whether the real API accepts this pair of tokens: GET /api/v1/me over HTTP, as any client would call it.</summary>
    public static async Task<bool> AcceptsAsync(this PortalServer server, string appToken, string userToken)
    {
        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("App-Token", appToken);
        request.Headers.Add("Token", userToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized,
            $"GET /api/v1/me answered {(int)response.StatusCode}");
        return response.IsSuccessStatusCode;
    }
}
