using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>A webhook's receiving end on real Kestrel (127.0.0.1, a free port): answers every POST with 204 and keeps the
/// Standard Webhooks headers it was sent.</summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _signatures = new();

    private HookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public IReadOnlyList<string> Signatures => _signatures.ToArray();

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var receiver = new HookReceiver(builder.Build());
        receiver._app.MapPost("/hook", (HttpRequest request) =>
        {
            receiver._signatures.Enqueue(request.Headers["webhook-signature"].ToString());
            return Results.NoContent();
        });
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
