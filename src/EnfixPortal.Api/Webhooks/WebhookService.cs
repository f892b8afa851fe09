using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Webhooks for administrators, through every door: create (the secret shown once), list, change, delete,
/// send a test, read the delivery log.</summary>
public sealed class WebhookService(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, AuditLog audit, WebhookSecrets secrets,
    WebhookAddresses addresses, WebhookOutbox outbox)
{
    public const int MaxWebhooks = 100;
    private static readonly ServiceError AdminOnly = ServiceError.Forbidden("Only an administrator may manage webhooks.");
    private static readonly ServiceError Missing = ServiceError.NotFound("id", "No webhook has this ID.");

    public async Task<ServiceResult<CreatedWebhook>> CreateAsync(Actor actor, WebhookRequest request, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        if (await CheckAsync(request with { Events = request.Events ?? [] }, ct) is { } invalid) return invalid;
        var secret = WebhookSecrets.New();
        var webhook = new Webhook
        {
            PublicId = ObjectIds.New(), Url = request.Url!.Trim(), Events = string.Join(',', request.Events!.Distinct()),
            Enabled = request.Enabled ?? true, ProtectedSecret = secrets.Protect(secret), CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Webhooks.CountAsync(ct) >= MaxWebhooks)
            return ServiceError.Conflict("webhooks", $"There are {MaxWebhooks} webhooks already; delete one first.");
        db.Webhooks.Add(webhook);
        db.AuditEvents.Add(audit.For(actor, AuditActions.WebhookCreated, detail: $"{webhook.PublicId} {webhook.Url}"));
        await db.SaveChangesAsync(ct);
        return new CreatedWebhook(secret, WebhookView.From(webhook));
    }

    public async Task<ServiceResult<IReadOnlyList<WebhookView>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync(ct);
        return all.Select(WebhookView.From).ToList();
    }

    public async Task<ServiceResult<WebhookView>> GetAsync(Actor actor, string id, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindAsync(db, id, ct) is { } webhook ? WebhookView.From(webhook) : Missing;
    }

    public async Task<ServiceResult<WebhookView>> UpdateAsync(Actor actor, string id, WebhookRequest change, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindAsync(db, id, ct) is not { } webhook) return Missing;
        if (await CheckAsync(change with { Url = change.Url ?? webhook.Url }, ct) is { } invalid) return invalid;
        webhook.Url = (change.Url ?? webhook.Url).Trim();
        if (change.Events is not null) webhook.Events = string.Join(',', change.Events.Distinct());
        webhook.Enabled = change.Enabled ?? webhook.Enabled;
        db.AuditEvents.Add(audit.For(actor, AuditActions.WebhookUpdated, detail: $"{webhook.PublicId} {webhook.Url}"));
        await db.SaveChangesAsync(ct);
        return WebhookView.From(webhook);
    }

    public async Task<ServiceResult<WebhookView>> DeleteAsync(Actor actor, string id, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindAsync(db, id, ct) is not { } webhook) return Missing;
        db.Webhooks.Remove(webhook);
        db.AuditEvents.Add(audit.For(actor, AuditActions.WebhookDeleted, detail: $"{webhook.PublicId} {webhook.Url}"));
        await db.SaveChangesAsync(ct);
        return WebhookView.From(webhook);
    }

    /// <summary>Queues a <c>webhook.test</c> message for this webhook alone; it shows in the delivery log like any other.</summary>
    public async Task<ServiceResult<DeliveryView>> SendTestAsync(Actor actor, string id, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindAsync(db, id, ct) is not { } webhook) return Missing;
        var delivery = outbox.NewDelivery(webhook.Id, WebhookEventTypes.Test, new TestEventData(webhook.PublicId, actor.UserName));
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        outbox.Wake();
        return DeliveryView.From(delivery);
    }

    /// <summary>The newest deliveries first.</summary>
    public async Task<ServiceResult<IReadOnlyList<DeliveryView>>> DeliveriesAsync(Actor actor, string id, int limit = 50, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return AdminOnly;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await FindAsync(db, id, ct) is not { } webhook) return Missing;
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhook.Id).OrderByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        return rows.Select(DeliveryView.From).ToList();
    }

    private static Task<Webhook?> FindAsync(EnfixDbContext db, string id, CancellationToken ct) =>
        ObjectIds.IsWellFormed(id) ? db.Webhooks.SingleOrDefaultAsync(w => w.PublicId == id, ct) : Task.FromResult<Webhook?>(null);

    private async Task<ServiceError?> CheckAsync(WebhookRequest request, CancellationToken ct)
    {
        if (WebhookAddresses.CheckShape(request.Url) is { } badUrl) return ServiceError.Validation("url", badUrl);
        if (request.Events is { } events)
        {
            if (events.Count == 0)
                return ServiceError.Validation("events", $"events must list at least one of {string.Join(", ", WebhookEventTypes.All)}.");
            if (events.FirstOrDefault(e => !WebhookEventTypes.All.Contains(e)) is { } unknown)
                return ServiceError.Validation("events", $"Unknown event '{unknown}'; the events are {string.Join(", ", WebhookEventTypes.All)}.");
        }
        var (_, unreachable) = await addresses.ResolveAsync(new Uri(request.Url!.Trim()).IdnHost, ct);
        return unreachable is null ? null : ServiceError.Validation("url", unreachable);
    }
}

public sealed record TestEventData(string Webhook, string? RequestedBy);
