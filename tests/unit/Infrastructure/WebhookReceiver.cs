using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>A webhook receiver on real Kestrel (127.0.0.1, a free port) that checks each message's Standard Webhooks
/// signature with the secret it is given, and answers as told: 204, an error status, a redirect, or not at all.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hanging;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    /// <summary>Set once the webhook exists; messages are checked against it.</summary>
    public string? Secret { get; set; }
    /// <summary>The status to answer; 0 holds the request open until <see cref="ReleaseHanging"/>.</summary>
    public int AnswerStatus { get; set; } = 204;
    public int Hanging => Volatile.Read(ref _hanging);
    public IReadOnlyList<ReceivedMessage> Messages => _messages.ToArray();
    public int RedirectedHits { get; private set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.ReceiveAsync);
        app.MapPost("/elsewhere", () => { receiver.RedirectedHits++; return Results.NoContent(); });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    public IEnumerable<ReceivedMessage> Of(string eventType) => Messages.Where(m => m.Type == eventType);

    public void ReleaseHanging() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits (at most ten seconds) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(25))
            if (await condition()) return;
        Assert.Fail($"Not within ten seconds: {what}");
    }

    public Task WaitForAsync(string eventType, int count = 1) =>
        WaitUntilAsync(() => Task.FromResult(Of(eventType).Count() >= count), $"{count} {eventType} message(s) received");

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var (id, timestamp, signature) = (request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
            request.Headers["webhook-signature"].ToString());
        var valid = Secret is not null && long.TryParse(timestamp, out var ts)
            && signature.Split(' ').Contains(ExpectedSignature(Secret, id, ts, body));
        using var json = JsonDocument.Parse(body);
        _messages.Enqueue(new ReceivedMessage(id, json.RootElement.GetProperty("type").GetString()!, json.RootElement.Clone(), valid));
        switch (AnswerStatus)
        {
            case 0:
                Interlocked.Increment(ref _hanging);
                try { await _release.Task.WaitAsync(request.HttpContext.RequestAborted); }
                catch (OperationCanceledException) { }
                finally { Interlocked.Decrement(ref _hanging); }
                return Results.NoContent();
            case 302:
                return Results.Redirect("/elsewhere", preserveMethod: true);
            default:
                return Results.StatusCode(AnswerStatus);
        }
    }

    /// <summary>As the Standard Webhooks specification has receivers compute it, written here independently of the sender.</summary>
    private static string ExpectedSignature(string secret, string id, long timestamp, string body)
    {
        Assert.StartsWith("whsec_", secret);
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHanging();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A message as received: its webhook-id, type, whole JSON payload, and whether its signature checked out.</summary>
public sealed record ReceivedMessage(string Id, string Type, JsonElement Payload, bool SignatureValid)
{
    public JsonElement Data => Payload.GetProperty("data");
}
