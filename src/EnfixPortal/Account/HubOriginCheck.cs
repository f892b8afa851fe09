namespace EnfixPortal.Account;

/// <summary>The portal's live connection (<c>/_blazor</c>: negotiate, WebSocket, long polling) carries the sign-in cookie,
/// so a page on another site must not open one: a browser names the page's site in <c>Origin</c>, and only the portal's
/// own host (the request's <c>Host</c>) is let through; anything else is answered 403 before the hub sees it. The scheme
/// is not compared, so a TLS proxy in front still works; the proxy must pass the browser's <c>Host</c> on.
/// A request without <c>Origin</c> comes from no browser page and carries nothing a page could abuse.</summary>
public static class HubOriginCheck
{
    public const string HubPath = "/_blazor";

    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.StartsWithSegments(HubPath) && !IsOwnOrigin(http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(http);
    });

    public static bool IsOwnOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        // A Host without a port means the default port of whatever scheme the browser used.
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == (request.Host.Port ?? uri.Port);
    }
}
