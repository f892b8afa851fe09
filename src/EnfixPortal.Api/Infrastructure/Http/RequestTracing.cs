using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Gives every request a W3C trace (taken from an incoming <c>traceparent</c>, else new), so each log line of the
/// request carries its trace id in its scope and a 500 answer can quote it. ASP.NET Core makes that activity only when
/// something listens; with its own request logging off (<see cref="PathSafeLoggerFactory"/>) this is the listener.</summary>
public sealed class RequestTracing : IStartupFilter, IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
    };

    /// <summary>The W3C trace id a 500 answer quotes and the access log line carries.</summary>
    public static string TraceId(HttpContext http) => Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;

    public RequestTracing() => ActivitySource.AddActivityListener(_listener);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => next;

    public void Dispose() => _listener.Dispose();
}
