using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

public static class ApiUrls
{
    /// <summary>The absolute URL of an item, with the trailing slash the API's own links use.</summary>
    public static string Item(HttpContext http, string collection, string id) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{collection}/{id}/";

    /// <summary>An empty query parameter counts as not given.</summary>
    public static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
