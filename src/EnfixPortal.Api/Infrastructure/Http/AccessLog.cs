using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>One line per request, portal and API alike: method, redacted path (<see cref="LogRedaction"/>), status and
/// time, in the category <see cref="Category"/> at Information, with the request's trace id. Off as shipped (the
/// category is at Warning in appsettings.json), as the framework's own request logging is; on with
/// <c>Logging:LogLevel:EnfixPortal.AccessLog=Information</c>. When off, a request pays one level check.</summary>
public sealed class AccessLog(ILoggerFactory loggers) : IStartupFilter
{
    public const string Category = "EnfixPortal.AccessLog";
    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(next => http => _logger.IsEnabled(LogLevel.Information) ? LogAsync(http, next) : next(http));
        next(app);
    };

    private async Task LogAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(http);
            status = http.Response.StatusCode;
        }
        finally
        {
            _logger.LogInformation("{Method} {Path} answered {Status} in {Elapsed:0.0} ms (trace {TraceId})",
                http.Request.Method, LogRedaction.Path(http.Request.PathBase + http.Request.Path), status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, RequestTracing.TraceId(http));
        }
    }
}
