using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>Changes to many tokens at once: the portal's multi-select and a user's "revoke all".</summary>
public sealed class TokenBulk(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, AuditLog audit, TokenRevocations revocations,
    TokenEvents events, WebhookOutbox outbox)
{
    /// <summary>Expires every active token of a user (kinds given, or all), keeping the records. Returns how many.</summary>
    public async Task<ServiceResult<int>> ExpireAllForUserAsync(Actor actor, string userId, IReadOnlyCollection<TokenKind>? kinds = null, CancellationToken ct = default)
    {
        if (!actor.MayActFor(userId)) return ServiceError.Forbidden("Only an administrator may revoke another user's tokens.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = db.Tokens.Where(t => t.UserId == userId && t.ExpiresAt > now);
        if (kinds is not null) tokens = tokens.Where(t => kinds.Contains(t.Kind));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ending = await tokens.Include(t => t.User).ToListAsync(ct);
        foreach (var token in ending) token.ExpiresAt = now;
        db.AuditEvents.Add(audit.For(actor, AuditActions.UserTokensRevoked, targetUserId: userId, detail: $"expired={ending.Count}"));
        await events.RevokedAsync(db, ending, deleted: false, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        revocations.RevokeUser(userId);
        outbox.Wake();
        return ending.Count;
    }

    /// <summary>Expires every active user token (login and OBO) of a user inside the caller's transaction, which raises
    /// <see cref="TokenRevocations.RevokeUser"/> once it has committed. App tokens stay. Returns how many.</summary>
    public Task<int> ExpireUserTokensAsync(EnfixDbContext db, string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Tokens.Where(t => t.UserId == userId && t.Family == TokenFamily.User && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, now), ct);
    }

    /// <summary>Expires (keeps) or deletes the named tokens the actor may see; the rest are skipped. Returns how many changed.</summary>
    public async Task<int> ApplyAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> accessors, bool delete, CancellationToken ct = default)
    {
        // A token deleted or expired by another request between our read and our write: read again, and it is skipped.
        for (var tries = 1; ; tries++)
        {
            try { return await ApplyOnceAsync(actor, family, accessors, delete, ct); }
            catch (DbUpdateException ex) when (tries < 10 && ConcurrentWrite.RaceLost(ex)) { }
        }
    }

    private async Task<int> ApplyOnceAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> accessors, bool delete, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tokens = await db.Tokens.OfFamily(family).Include(t => t.User).Where(t => accessors.Contains(t.Accessor)).ToListAsync(ct);
        tokens.RemoveAll(t => !actor.MayActFor(t.UserId));
        var active = tokens.Where(t => t.ExpiresAt > now).ToList();
        foreach (var token in tokens)
        {
            if (delete) db.Tokens.Remove(token);
            else token.ExpiresAt = token.ExpiresAt > now ? now : token.ExpiresAt;
            db.AuditEvents.Add(audit.For(actor, delete ? AuditActions.TokenDeleted : AuditActions.TokenExpiryChanged,
                targetAccessor: token.Accessor, targetUserId: token.UserId, detail: delete ? null : $"expires_at={AuditDetail.Time(token.ExpiresAt)}"));
        }
        await events.RevokedAsync(db, active, delete, ct);
        await db.SaveChangesAsync(ct);
        var capped = new List<byte[]>();
        foreach (var token in tokens) capped.AddRange(await TokenDescendants.CapAsync(db, audit, actor, token, now, ct));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var token in tokens) revocations.Revoke(token);
        foreach (var hash in capped) revocations.Revoke(hash);
        outbox.Wake();
        return tokens.Count;
    }
}
