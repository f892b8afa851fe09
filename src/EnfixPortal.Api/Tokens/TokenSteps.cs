using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using System.Globalization;

namespace EnfixPortal.Api.Tokens;

/// <summary>What each action does to one token the actor may change, with its audit event; or why it leaves it as it is
/// (then it changes nothing).</summary>
internal static class TokenSteps
{
    /// <param name="onlyLater">Refuse a new expiry that is not later than the current one (an extension never shortens).</param>
    public static async Task<ServiceError?> ChangeAsync(EnfixDbContext db, AuditLog audit, Actor actor, TokenSettings settings, Token token,
        ChangeTokenRequest change, bool onlyLater, DateTime now, CancellationToken ct)
    {
        if (change.Unreadable is { } unreadable) return unreadable;
        if (change.SecondsUntilExpire is null && !change.SetName)
            return ServiceError.Validation("body", "Send seconds_until_expire, name or both.");
        DateTime? expiresAt = null;
        if (change.SecondsUntilExpire is { } seconds)
        {
            var expiry = await TokenLifetimes.ResolveAsync(db, actor, settings, token.Kind, seconds, TimeSpan.Zero, now, token, ct);
            if (expiry.Error is { } invalid) return invalid;
            if (onlyLater && expiry.Value <= token.ExpiresAt)
                return ServiceError.Conflict(Expiry.Field,
                    $"It already expires later, at {token.ExpiresAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.");
            expiresAt = expiry.Value;
        }
        var name = change.SetName ? TokenNames.Normalize(change.Name) : default;
        if (name.Error is { } badName) return badName;
        if (expiresAt is { } at)
        {
            token.ExpiresAt = at;
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenExpiryChanged, targetAccessor: token.Accessor, targetUserId: token.UserId,
                detail: $"expires_at={AuditDetail.Time(at)}"));
        }
        if (change.SetName)
        {
            token.Name = name.Value;
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenRenamed, targetAccessor: token.Accessor, targetUserId: token.UserId));
        }
        return null;
    }

    public static ServiceError? Delete(EnfixDbContext db, AuditLog audit, Actor actor, Token token)
    {
        db.Tokens.Remove(token);
        db.AuditEvents.Add(audit.For(actor, AuditActions.TokenDeleted, targetAccessor: token.Accessor, targetUserId: token.UserId));
        return null;
    }
}
