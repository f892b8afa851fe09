using System.Globalization;
using System.Numerics;
using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>Changes to many tokens at once: the portal's multi-select and a user's "revoke all".</summary>
public sealed class TokenBulk(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, AuditLog audit, TokenRevocations revocations,
    TokenEvents events, WebhookOutbox outbox, IOptionsMonitor<TokenSettings> options)
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

    /// <summary>Gives each named token a new expiry <paramref name="seconds"/> from now, by the rules of a PATCH with
    /// <c>seconds_until_expire</c> (<see cref="TokenLifetimes"/>), each change audited. A token the actor may not see, one the
    /// rules refuse, and one that already expires later is left as it is and reported with the reason.</summary>
    public async Task<ServiceResult<TokenExtension>> ExtendAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> accessors,
        BigInteger seconds, CancellationToken ct = default)
    {
        if (seconds <= 0)
            return ServiceError.Validation(Expiry.Field, "Choose a lifetime of at least one second; to end tokens, expire them instead.");
        for (var tries = 1; ; tries++)
        {
            try { return await ExtendOnceAsync(actor, family, accessors, seconds, ct); }
            catch (DbUpdateException ex) when (tries < 10 && ConcurrentWrite.RowGone(ex)) { }
        }
    }

    private async Task<TokenExtension> ExtendOnceAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> accessors,
        BigInteger seconds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.Tokens.OfFamily(family).Include(t => t.User).Where(t => accessors.Contains(t.Accessor)).ToListAsync(ct);
        var visible = found.Where(t => actor.MayActFor(t.UserId)).ToDictionary(t => t.Accessor);
        var (extended, refused) = (new List<Token>(), new List<TokenRefusal>());
        foreach (var accessor in accessors.Distinct())
        {
            if (!visible.TryGetValue(accessor, out var token))
            {
                refused.Add(new TokenRefusal(accessor, null, null, TokenLookup.NotFound(family).Describe()));
                continue;
            }
            var expiry = await TokenLifetimes.ResolveAsync(db, actor, options.CurrentValue, token.Kind, seconds, TimeSpan.Zero, now, token, ct);
            var reason = expiry.Error?.Describe()
                ?? (expiry.Value <= token.ExpiresAt ? $"It already expires later, at {token.ExpiresAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC." : null);
            if (reason is not null)
            {
                refused.Add(new TokenRefusal(accessor, token.Name, token.Hint, reason));
                continue;
            }
            token.ExpiresAt = expiry.Value;
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenExpiryChanged, targetAccessor: token.Accessor, targetUserId: token.UserId,
                detail: $"expires_at={AuditDetail.Time(token.ExpiresAt)}"));
            extended.Add(token);
        }
        await db.SaveChangesAsync(ct);
        foreach (var token in extended) revocations.Revoke(token);
        return new TokenExtension(extended.ConvertAll(t => TokenMapping.ToView(t, t.User?.UserName, now)), refused);
    }
}
