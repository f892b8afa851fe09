using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Authorization;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Authorization policies of the API, judged on the user <see cref="TokenAuthentication"/> set from the token
/// pair. They name no authentication scheme: /api requests run no cookie authentication, so a portal cookie never counts,
/// and a refusal is answered by <see cref="ApiAuthorizationResults"/>, never by a scheme's redirect.</summary>
public static class ApiPolicies
{
    public const string Caller = "EnfixApiCaller";
    public const string Admin = "EnfixApiAdmin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Caller, policy => policy.RequireAuthenticatedUser());
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
