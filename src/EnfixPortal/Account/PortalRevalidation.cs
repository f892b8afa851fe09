using EnfixPortal.Api.Model;
using EnfixPortal.Api.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace EnfixPortal.Account;

/// <summary>Re-checks a live circuit's user: session ended (signed out, ended from the Sessions page), gone, deactivated, or changed (any change renews the security stamp)
/// signs the circuit out, and the router sends the browser to the login page.</summary>
public sealed class PortalRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => PortalAuthentication.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EnfixUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive) return false;
        var sessions = scope.ServiceProvider.GetRequiredService<PortalSessions>();
        if (!await sessions.IsLiveAsync(PortalSessionCheck.SessionId(principal), user.Id)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
