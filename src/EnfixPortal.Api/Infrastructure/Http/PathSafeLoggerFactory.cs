using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The host's logger factory, less the framework's categories that write a request's raw path, query or
/// request line (which carry a token in <c>/api/v1/tokens/&lt;token&gt;/</c> or a mistyped variant of it). Their loggers
/// write nothing at any level, whatever the logging rules say — a provider's own <c>LogLevel</c> section included — and
/// make no log scope. <see cref="AccessLog"/> writes the request line instead, with the path redacted.</summary>
public sealed class PathSafeLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Hosting's "Request starting/finished" lines and its per-request scope (RequestPath); routing's candidate
    /// lines; HTTP logging; Kestrel's bad-request lines (which quote the request line); static files' "does not match".</summary>
    public static readonly IReadOnlyList<string> SilencedCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing.Matching",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.StaticAssets",
    ];

    public ILogger CreateLogger(string categoryName) =>
        IsSilenced(categoryName) ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public static bool IsSilenced(string category) => SilencedCategories.Any(silenced =>
        category.StartsWith(silenced, StringComparison.Ordinal)
        && (category.Length == silenced.Length || category[silenced.Length] == '.'));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
