using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Model;

public enum AuditOutcome { Success = 0, Failure = 1, Refused = 2 }

/// <summary>One change or sign-in attempt. Never carries a secret: tokens are named by accessor.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public Door Door { get; set; }
    public required string Action { get; set; }
    public string? TargetAccessor { get; set; }
    public string? TargetUserId { get; set; }
    public string? ClientAddress { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? Detail { get; set; }
}

public static class AuditActions
{
    public const string AppTokenCreated = "app_token.created";
    public const string UserTokenCreated = "user_token.created";
    public const string TokenExpiryChanged = "token.expiry_changed";
    public const string TokenRenamed = "token.renamed";
    public const string TokenDeleted = "token.deleted";
    public const string TokenRotated = "token.rotated";
    /// <summary>Expired by the idle policy (<c>Enfix:Tokens:IdleExpiry</c>), not by a person.</summary>
    public const string TokenIdleExpired = "token.idle_expired";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked_out";
    /// <summary>Right credentials at a door the user may not use (a non-administrator at the portal).</summary>
    public const string LoginRefused = "login.refused";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDeactivated = "user.deactivated";
    public const string UserReactivated = "user.reactivated";
    public const string UserDeleted = "user.deleted";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserTokensRevoked = "user.tokens_revoked";
    public const string SessionEnded = "session.ended";
    public const string UserSessionsEnded = "user.sessions_ended";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookDeleted = "webhook.deleted";
}
