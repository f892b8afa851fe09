using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.E2E.Infrastructure;

public static class AppTokens
{
    /// <summary>A new app token owned by the administrator, made through the service layer as the CLI would.</summary>
    public static async Task<string> NewAdminAppTokenAsync(this PortalServer server, string name, long? secondsUntilExpire = null)
    {
        var services = server.Services;
        var admin = (await services.GetRequiredService<UserQueries>().FindByNameAsync(PortalServer.AdminUserName))!;
        var created = await services.GetRequiredService<TokenService>().CreateAppTokenAsync(
            new Actor(admin.Id, admin.UserName, true, Door.Cli), new CreateTokenRequest(Name: name, SecondsUntilExpire: secondsUntilExpire));
        return created.Value!.Secret;
    }
}
