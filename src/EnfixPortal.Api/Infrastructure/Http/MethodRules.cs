using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Infrastructure.Http;

public static class MethodRules
{
    private static readonly string[] Known = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>Answers every other method on <paramref name="pattern"/> with 405 and <c>Allow</c>, ahead of the /api
    /// catch-all (which would otherwise say 404) and before authentication: the methods of a path are no secret.
    /// Returns the PUT endpoint, which the OpenAPI document shows (Enfix's API does not allow PUT).</summary>
    public static RouteHandlerBuilder MapOtherMethods(this IEndpointRouteBuilder routes, string pattern, params string[] allowed)
    {
        var others = Known.Except(allowed, StringComparer.Ordinal).Where(method => method != "PUT").ToArray();
        routes.MapMethods(pattern, others, (HttpContext http) => ApiError.MethodNotAllowed(http.Request.Method, allowed))
            .RequireNoTokens().ExcludeFromDescription();
        return routes.MapPut(pattern, (HttpContext http) => ApiError.MethodNotAllowed(http.Request.Method, allowed))
            .RequireNoTokens().WithSummary("Not allowed: answers 405 with Allow.").ProducesApiErrors(405);
    }
}
