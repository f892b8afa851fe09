using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
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

    /// <summary>Whether the API would accept this pair of tokens (the same check its token scheme makes).</summary>
    public static async Task<bool> AcceptsAsync(this PortalServer server, string appToken, string userToken) =>
        (await server.Services.GetRequiredService<TokenValidator>().ValidateAsync(appToken, userToken)).Succeeded;
}
