using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Authorization;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Authorization policies of the API; both authenticate with the token scheme only, so a portal cookie
/// never counts and a refusal never redirects.</summary>
public static class ApiPolicies
{
    public const string Caller = "EnfixApiCaller";
    public const string Admin = "EnfixApiAdmin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Caller, policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
