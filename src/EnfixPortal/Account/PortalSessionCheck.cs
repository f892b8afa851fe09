using System.Security.Claims;
using EnfixPortal.Api.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace EnfixPortal.Account;

/// <summary>Ties the sign-in cookie to its server-side session (<see cref="PortalSessions"/>): the cookie carries the
/// session's id, and every request that presents it — on any node — is refused once the session has ended.</summary>
public static class PortalSessionCheck
{
    public const string SessionClaim = "enfix:portal_session";

    public static string? SessionId(ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim);

    /// <summary>Runs after Identity's own check (user changed, gone) on every request with the cookie.</summary>
    public static void Attach(CookieAuthenticationOptions cookie)
    {
        var identityCheck = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnValidatePrincipal = async context =>
        {
            await identityCheck(context);
            if (context.Principal is not { } principal) return;
            var sessions = context.HttpContext.RequestServices.GetRequiredService<PortalSessions>();
            if (await sessions.IsLiveAsync(SessionId(principal), principal.FindFirstValue(ClaimTypes.NameIdentifier), context.HttpContext.RequestAborted))
                return;
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        };
    }

    /// <summary>Identity re-issues the cookie from the user's current claims now and then; the session id goes along.</summary>
    public static void KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SessionClaim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(SessionClaim, session.Value));
    }
}
