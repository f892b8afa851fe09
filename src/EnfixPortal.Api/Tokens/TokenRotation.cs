using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Globalization;
using System.Numerics;

namespace EnfixPortal.Api.Tokens;

/// <summary>Gives a token a new secret and keeps everything else (accessor, name, owner, expiry). The secret it replaces
/// may keep working for a grace period, so the jobs still holding it can be moved over without an outage; a token has at
/// most two working secrets, so a second rotation inside a grace period ends the oldest at once.</summary>
public sealed class TokenRotation(
    IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<TokenSettings> options,
    AuditLog audit, TokenRevocations revocations, TokenEvents events, WebhookOutbox outbox)
{
    public const string GraceField = "grace_seconds";

    public async Task<ServiceResult<CreatedToken>> RotateAsync(Actor actor, TokenFamily family, string id, RotateTokenRequest request,
        CancellationToken ct = default)
    {
        var grace = Grace(request.GraceSeconds);
        if (grace.Error is { } badGrace) return badGrace;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await TokenLookup.FindVisibleAsync(db.Tokens.AsNoTracking().Include(t => t.User), actor, family, id, ct);
        if (found.Error is { } missing) return missing;
        var token = found.Value!;
        var now = time.GetUtcNow().UtcDateTime;
        var (replaced, dropped) = (token.SecretHash, token.PreviousSecretHash);
        var secret = TokenSecrets.NewSecret();
        var (hash, hint) = (TokenSecrets.Hash(secret), TokenSecrets.Hint(secret));
        byte[]? previous = grace.Value > TimeSpan.Zero ? replaced : null;
        DateTime? previousEndsAt = previous is null ? null : now + grace.Value;

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Only if no other rotation (or deletion) got there first: each caller's new secret is one that works.
            var updated = await db.Tokens.Where(t => t.Accessor == token.Accessor && t.SecretHash == replaced)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.SecretHash, hash).SetProperty(t => t.Hint, hint)
                    .SetProperty(t => t.PreviousSecretHash, previous).SetProperty(t => t.PreviousSecretEndsAt, previousEndsAt), ct);
            if (updated == 0) return ServiceError.Conflict("id", "Another request rotated or deleted this token at the same moment; try again.");
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenRotated, targetAccessor: token.Accessor, targetUserId: token.UserId,
                detail: $"grace_seconds={(long)grace.Value.TotalSeconds}" + (previousEndsAt is { } ends ? $" previous_secret_ends_at={AuditDetail.Time(ends)}" : "")));
            token.Hint = hint;
            await events.RotatedAsync(db, token, token.User?.UserName, (long)grace.Value.TotalSeconds, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        // Every node forgets both older secrets; the replaced one is then read again with its grace period as its end.
        revocations.Revoke(replaced);
        if (dropped is not null) revocations.Revoke(dropped);
        outbox.Wake();
        (token.SecretHash, token.PreviousSecretHash, token.PreviousSecretEndsAt) = (hash, previous, previousEndsAt);
        return new CreatedToken(secret, TokenMapping.ToView(token, token.User?.UserName, now));
    }

    private ServiceResult<TimeSpan> Grace(BigInteger? seconds)
    {
        var max = options.CurrentValue.MaxRotationGrace;
        var maxSeconds = (long)max.TotalSeconds;
        if (seconds is not { } given) return TimeSpan.Zero;
        if (given < 0 || given > maxSeconds)
            return ServiceError.Validation(GraceField, string.Create(CultureInfo.InvariantCulture,
                $"{GraceField} must be between 0 and {maxSeconds} ({TokenSettings.Section}:{nameof(TokenSettings.MaxRotationGrace)})."));
        return TimeSpan.FromSeconds((long)given);
    }
}
