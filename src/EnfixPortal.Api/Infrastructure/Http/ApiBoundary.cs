using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Wraps every <c>/api</c> request, ahead of routing and authentication: the API's security headers
/// (<see cref="ApiHeaders"/>), an error status that the framework set without a body
/// given the API's shape, and an unexpected exception turned into a 500 in that shape (logged with its trace id, no
/// stack trace sent). As an <see cref="IExceptionHandler"/> and a developer-page filter it also answers for /api inside
/// the portal's exception handler and, in Development, the developer exception page.</summary>
public sealed class ApiBoundary(ILogger<ApiBoundary> logger) : IStartupFilter, IExceptionHandler, IDeveloperPageExceptionFilter
{
    /// <summary>The one test of "is this an API request", used by the pipeline branch, the error handling and the portal.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool IsApi(HttpContext http) => IsApi(http.Request.Path);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(IsApi, api => api.Use(WrapAsync));
        next(app);
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsApi(http) || http.Response.HasStarted) return false;
        await AnswerAsync(http, exception);
        return true;
    }

    public Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next) =>
        IsApi(errorContext.HttpContext) && !errorContext.HttpContext.Response.HasStarted
            ? AnswerAsync(errorContext.HttpContext, errorContext.Exception) : next(errorContext);

    private async Task WrapAsync(HttpContext http, RequestDelegate next)
    {
        ApiHeaders.Apply(http.Response.Headers);
        try
        {
            await next(http);
            if (!http.Response.HasStarted && http.Response.StatusCode >= 400)
                await ApiError.ForBareStatus(http.Response.StatusCode).ExecuteAsync(http);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            // The server refused the request itself (a broken chunked body, a body past the server's own limit).
            await ApiError.Of(ex.StatusCode, "body", "The request body could not be read.").ExecuteAsync(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            await AnswerAsync(http, ex);
        }
    }

    private async Task AnswerAsync(HttpContext http, Exception exception)
    {
        var traceId = RequestTracing.TraceId(http);
        logger.LogError(exception, "Unexpected error on API {Method} {Path} (trace {TraceId})",
            http.Request.Method, LogRedaction.Path(http.Request.Path), traceId);
        http.Response.Clear();
        ApiHeaders.Apply(http.Response.Headers);
        await ApiError.Of(StatusCodes.Status500InternalServerError, "server",
            $"Something went wrong on our side; quote trace id {traceId} when reporting it.").ExecuteAsync(http);
    }
}
