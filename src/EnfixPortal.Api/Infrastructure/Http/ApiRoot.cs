using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Infrastructure.Http;

public sealed record HalLink(string Href, string Title);

public sealed record HalLinks(HalLink Self, IReadOnlyList<HalLink> Child);

public sealed record ApiIndex([property: JsonPropertyName("_links")] HalLinks Links);

public static class ApiRoot
{
    private static readonly ApiIndex Index = new(new HalLinks(new HalLink("/api/v1/", "This index"),
    [
        new("/api/v1/app_tokens/", "App tokens"),
        new("/api/v1/tokens/", "User and OBO tokens"),
        new("/api/v1/users/", "Users (administrators)"),
        new("/api/v1/me", "The caller"),
        new("/api/v1/token/", "Login (POST)"),
    ]));

    /// <summary><c>GET /api/v1/</c>: the resources of v1 as HAL links. Unknown /api paths answer 404 in the API's shape,
    /// never the portal's HTML page.</summary>
    public static IEndpointRouteBuilder MapApiRoot(this IEndpointRouteBuilder api)
    {
        api.MapGet("/", () => TypedResults.Ok(Index)).WithTags("Index").RequireTokenPair();
        api.MapOtherMethods("/", "GET").ExcludeFromDescription();
        return api;
    }

    public static IEndpointRouteBuilder MapApiNotFound(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{**rest}", (HttpContext http) => ApiError.NotFound("path",
                $"No API endpoint at {LogRedaction.Path(http.Request.Path)}; see GET /api/v1/ for the resources."))
            .ExcludeFromDescription().WithMetadata(new SkipStatusCodePagesAttribute());
        return app;
    }
}
