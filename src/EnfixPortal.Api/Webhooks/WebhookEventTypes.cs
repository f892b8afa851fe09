namespace EnfixPortal.Api.Webhooks;

/// <summary>The event types a webhook may subscribe to.</summary>
public static class WebhookEventTypes
{
    public const string TokenExpiring = "token.expiring";
    public const string TokenExpired = "token.expired";
    public const string TokenCreated = "token.created";
    public const string TokenRotated = "token.rotated";
    public const string TokenRevoked = "token.revoked";
    public const string UserDeactivated = "user.deactivated";
    public const string LoginLockedOut = "login.locked_out";
    /// <summary>Sent by <c>Send test</c> to one webhook, whatever it subscribed to.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> All =
        [TokenExpiring, TokenExpired, TokenCreated, TokenRotated, TokenRevoked, UserDeactivated, LoginLockedOut];
}
