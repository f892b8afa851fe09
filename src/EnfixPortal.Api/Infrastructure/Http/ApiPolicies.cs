using EnfixPortal.Api.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>What an API endpoint asks of its caller.</summary>
public enum ApiAccess
{
    /// <summary>Nothing: the login, the 404 of an unknown path, a 405.</summary>
    Open,
    /// <summary>A valid token pair.</summary>
    Caller,
    /// <summary>A valid token pair whose user is an administrator.</summary>
    Admin,
}

/// <summary>The API's two authorization policies, named on endpoints with <c>RequireAuthorization</c> (so OpenAPI and
/// anyone reading the metadata see them) and judged by <see cref="TokenAuthentication"/> on the cached token pair: no
/// authentication scheme, policy evaluator or authorization handler runs per request.
/// A portal cookie never counts (/api requests run no cookie authentication) and a refusal is never a redirect.</summary>
public static class ApiPolicies
{
    public const string Caller = "EnfixApiCaller";
    public const string Admin = "EnfixApiAdmin";

    /// <summary>The strictest policy the endpoint names (a group's and its own); <c>AllowAnonymous</c> wins, as in the
    /// framework. Any other kind of authorization data on an API endpoint is a programming error and fails loudly rather
    /// than let a request through unchecked.</summary>
    public static ApiAccess AccessOf(Endpoint? endpoint)
    {
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return ApiAccess.Open;
        var access = ApiAccess.Open;
        foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            var named = data switch
            {
                { Roles: not null } or { AuthenticationSchemes: not null } => Unknown(endpoint, data),
                { Policy: Caller } => ApiAccess.Caller,
                { Policy: Admin } => ApiAccess.Admin,
                _ => Unknown(endpoint, data),
            };
            if (named > access) access = named;
        }
        return access;
    }

    private static ApiAccess Unknown(Endpoint endpoint, IAuthorizeData data) => throw new InvalidOperationException(
        $"API endpoint '{endpoint.DisplayName}' asks for authorization the API does not judge (policy '{data.Policy}', " +
        $"roles '{data.Roles}', schemes '{data.AuthenticationSchemes}'); use ApiPolicies.{nameof(Caller)} or ApiPolicies.{nameof(Admin)}.");
}
