namespace EnfixPortal.Api.Model;

/// <summary>A receiver of event notices. The signing secret is kept protected by Data Protection: it must be read
/// back to sign each delivery, so it cannot be hashed like a token.</summary>
public sealed class Webhook
{
    public long Id { get; set; }
    /// <summary>The id the API and the portal name it by (24 hex characters).</summary>
    public required string PublicId { get; set; }
    public required string Url { get; set; }
    /// <summary>The subscribed event types, comma-separated; never empty.</summary>
    public required string Events { get; set; }
    public bool Enabled { get; set; } = true;
    public required string ProtectedSecret { get; set; }
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => EventList.Contains(eventType, StringComparer.Ordinal);
}

public enum DeliveryStatus { Pending = 0, Delivered = 1, Failed = 2 }

/// <summary>One message to one webhook: the outbox row the sender delivers, retries, and keeps as the delivery log.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    /// <summary>The <c>webhook-id</c> header: the same on every attempt, so a receiver can ignore a repeat.</summary>
    public required string MessageId { get; set; }
    public long WebhookId { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public DateTime CreatedAt { get; set; }
    public DeliveryStatus Status { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastAttemptAt { get; set; }
}

/// <summary>That a token's expiry was announced: <see cref="DaysBefore"/> days ahead (0: it has expired) for the expiry
/// it had then. The unique key makes each announcement happen once, whatever the restarts and nodes.</summary>
public sealed class TokenNotice
{
    public long Id { get; set; }
    public long TokenId { get; set; }
    public int DaysBefore { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime At { get; set; }
}
