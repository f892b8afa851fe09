using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure;

/// <summary>Where request code runs. With the hot path on the socket threads (the host's
/// <c>Enfix:Server:HotPathOnSocketThreads</c>, on SQLite), Kestrel runs a request on the event thread that read it from
/// the socket, with no hand-off to another thread: a warm token check and <c>/me</c> finish there. That thread serves many
/// connections, so whatever may wait — the database, a password hash, the portal, a request body still arriving — first
/// moves to the thread pool here, and a slow request never holds up the other connections of its event thread. Without
/// the setting every request already runs on the thread pool and nothing here moves anything (decision 008).</summary>
public static class SocketThreads
{
    /// <summary>True on a socket's event thread (or any thread that is not the thread pool's, such as a program's main thread).</summary>
    public static bool OnSocketThread => !Thread.CurrentThread.IsThreadPoolThread;

    /// <summary>Continues on the thread pool when called on a socket thread; completes at once elsewhere.</summary>
    public static ValueTask LeaveAsync() => OnSocketThread ? HopAsync() : ValueTask.CompletedTask;

    /// <summary>Middleware step: the rest of the pipeline runs on the thread pool.</summary>
    public static Task LeaveThen(HttpContext http, RequestDelegate next) => OnSocketThread ? HopThenAsync(http, next) : next(http);

    /// <summary>Marks an endpoint that only reads memory and so may finish on the socket thread (<c>/me</c>); every other
    /// API endpoint moves to the thread pool before it runs.</summary>
    public static TBuilder StaysOnSocketThread<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(StayMarker.Instance);

    public static bool MayStay(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<StayMarker>() is not null;

    private static async ValueTask HopAsync() => await Task.Yield();

    private static async Task HopThenAsync(HttpContext http, RequestDelegate next)
    {
        await Task.Yield();
        await next(http);
    }

    private sealed class StayMarker
    {
        public static readonly StayMarker Instance = new();
    }
}
