using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Webhooks;

public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedAt)
{
    public static WebhookView From(Webhook webhook) => new(webhook.PublicId, webhook.Url, webhook.EventList, webhook.Enabled, webhook.CreatedAt);
}

/// <summary>The signing secret is here and nowhere else, once.</summary>
public sealed record CreatedWebhook(string Secret, WebhookView Webhook);

/// <summary>For a change, null leaves a field as it is.</summary>
public sealed record WebhookRequest(string? Url = null, IReadOnlyList<string>? Events = null, bool? Enabled = null);

public sealed record DeliveryView(
    string MessageId, string EventType, DeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt)
{
    public static DeliveryView From(WebhookDelivery d) => new(d.MessageId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError,
        d.CreatedAt, d.LastAttemptAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null);
}
