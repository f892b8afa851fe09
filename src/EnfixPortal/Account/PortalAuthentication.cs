using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace EnfixPortal.Account;

public static class PortalPolicies
{
    public const string Admin = "admin";
}

/// <summary>The portal's session: the Identity application cookie (the default scheme), the "admin" policy and
/// a circuit that re-checks the user every half minute. Each cookie names a server-side session (<see cref="PortalSessionCheck"/>). Requests under /api are never redirected to the login page.</summary>
public static class PortalAuthentication
{
    public const string CookieName = ".EnfixPortal.Session";
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = LoginPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.Events.OnRedirectToLogin = context => RedirectUnlessApi(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectUnlessApi(context, StatusCodes.Status403Forbidden);
            PortalSessionCheck.Attach(cookie);
        });
        // Each page load re-reads the user at most a minute after the last check; the circuit does the same every 30 s.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                PortalSessionCheck.KeepSessionId(context);
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(PortalPolicies.Admin, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireRole(Roles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidation>();
        services.AddScoped<PortalActor>();
        return services;
    }

    private static Task RedirectUnlessApi(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiBoundary.IsApi(context.Request.Path)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
