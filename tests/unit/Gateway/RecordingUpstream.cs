using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Gateway;

/// <summary>The service behind the gateway: a real Kestrel server on loopback that answers every request 200 and writes
/// down, as its log, each request line and every header it received.</summary>
public sealed class RecordingUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private RecordingUpstream(WebApplication app) => _app = app;

    public static async Task<RecordingUpstream> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var upstream = new RecordingUpstream(builder.Build());
        upstream._app.Run(upstream.RecordAsync);
        await upstream._app.StartAsync();
        return upstream;
    }

    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Everything the service was sent, as one text: its log.</summary>
    public string Log => string.Join("\n", _received.Select(r => r.ToString()));

    private Task RecordAsync(HttpContext http)
    {
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedRequest($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}", headers));
        return http.Response.WriteAsync("served by the upstream");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string RequestLine, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => RequestLine + "\n" + string.Join("\n", Headers.Select(h => $"{h.Key}: {h.Value}"));
}
