using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Where events are raised: each adds one delivery per enabled webhook that subscribed to its type, to the
/// caller's unit of work, so that the event is stored with the change it reports (or not at all). Nothing is sent
/// here: the <see cref="WebhookSender"/> delivers in the background, so a slow receiver never slows a request.</summary>
public sealed class WebhookOutbox(TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>The enabled webhooks and their event types, read once for a batch of events.</summary>
    public static async Task<IReadOnlyList<Webhook>> SubscribersAsync(EnfixDbContext db, CancellationToken ct) =>
        await db.Webhooks.AsNoTracking().Where(w => w.Enabled).ToListAsync(ct);

    public async Task AddAsync(EnfixDbContext db, string eventType, object data, CancellationToken ct = default) =>
        Add(db, await SubscribersAsync(db, ct), eventType, data);

    public int Add(EnfixDbContext db, IReadOnlyList<Webhook> subscribers, string eventType, object data)
    {
        var added = 0;
        foreach (var webhook in subscribers.Where(w => w.Wants(eventType)))
        {
            db.WebhookDeliveries.Add(NewDelivery(webhook.Id, eventType, data));
            added++;
        }
        return added;
    }

    public WebhookDelivery NewDelivery(long webhookId, string eventType, object data)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new WebhookDelivery
        {
            MessageId = "msg_" + ObjectIds.New(),
            WebhookId = webhookId,
            EventType = eventType,
            Payload = JsonSerializer.Serialize(new EventMessage(eventType, now, data), Json),
            CreatedAt = now,
            NextAttemptAt = now,
            Status = DeliveryStatus.Pending,
        };
    }

    /// <summary>Tells this node's sender that deliveries are waiting (after the caller's commit); others find them at their next poll.</summary>
    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    private sealed record EventMessage(string Type, DateTime Timestamp, object Data);
}
