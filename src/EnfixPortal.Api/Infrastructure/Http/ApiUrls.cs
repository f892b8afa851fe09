using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure.Http;

public static class ApiUrls
{
    /// <summary>The absolute URL of an item, with the trailing slash the API's own links use.</summary>
    public static string Item(HttpContext http, string collection, string id) => $"{Origin(http.Request)}{collection}/{id}/";

    /// <summary>Scheme, host and path base of the API's absolute URLs (<see cref="PublicOrigin"/>).</summary>
    public static string Origin(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<PublicOrigin>().Of(request);

    /// <summary>An empty query parameter counts as not given.</summary>
    public static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
