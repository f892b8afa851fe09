using System.Text.Json;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;

namespace EnfixPortal.Api.Endpoints;

public sealed record WebhookItem(string Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedAt)
{
    public static WebhookItem From(WebhookView w) => new(w.Id, w.Url, w.Events, w.Enabled, w.CreatedAt);
}

/// <summary>The answer to a creation: the webhook and, this once, its signing secret.</summary>
public sealed record WebhookCreatedItem(string Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedAt, string Secret);

/// <summary>One line of the delivery log: <c>status</c> is <c>pending</c>, <c>delivered</c> or <c>failed</c> (retries given up).</summary>
public sealed record DeliveryItem(string Id, string Event, string Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt)
{
    public static DeliveryItem From(DeliveryView d) => new(d.MessageId, d.EventType, d.Status.ToString().ToLowerInvariant(), d.Attempts,
        d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt);
}

/// <summary>The body of POST and PATCH /webhooks: <c>url</c>, <c>events</c>, <c>enabled</c>.</summary>
public sealed record WebhookBody(string? Url, string[]? Events, bool? Enabled)
{
    private static readonly Dictionary<string, string> Refused = new()
    {
        ["id"] = "The server chooses webhook ids.", ["secret"] = "The server chooses the signing secret.", ["created_at"] = "This field is read-only.",
    };

    public static ApiInput<WebhookRequest> Parse(JsonElement body, bool creating)
    {
        var fields = JsonFields.Of(body, ["url", "events", "enabled"], Refused);
        if (!creating && fields.IsEmpty) return ApiError.BadRequest("body", "Send at least one of url, events, enabled.");
        var url = fields.String("url");
        var events = fields.Strings("events");
        var enabled = fields.Bool("enabled");
        if (creating && url is null && !fields.Has("url")) fields.Fail("url", "url is required.");
        if (creating && events is null && !fields.Has("events")) fields.Fail("events", "events is required, such as [\"token.expiring\"].");
        if (fields.Error is { } error) return error;
        return new WebhookRequest(url, events, enabled);
    }
}
