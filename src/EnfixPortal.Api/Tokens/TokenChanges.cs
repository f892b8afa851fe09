using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Numerics;

namespace EnfixPortal.Api.Tokens;

/// <summary>Every change to tokens named by id — expire, delete, extend, re-time or rename — for one token or many at
/// once, for every door: a single token is a list of one. Each action is a step on one token (<see cref="TokenSteps"/>);
/// the permission check, the audit, the webhook events, the descendants' end, the revocation and the retry after a
/// racing request are <see cref="TokenBatchWrite"/>'s, once for all of them.</summary>
public sealed class TokenChanges(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, AuditLog audit, TokenRevocations revocations,
    TokenEvents events, WebhookOutbox outbox, IOptionsMonitor<TokenSettings> options)
{
    private readonly TokenBatchWrite _write = new(dbFactory, time, audit, revocations, events, outbox);

    /// <summary>Expires the named tokens now, keeping their records: what a PATCH with <c>seconds_until_expire</c> -1 does.</summary>
    public Task<ServiceResult<TokenBatch>> ExpireAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        ChangeAsync(actor, family, ids, new ChangeTokenRequest(SecondsUntilExpire: -1), ct);

    /// <summary>A PATCH: a new expiry (<see cref="TokenLifetimes"/>), a new name or both, for each named token.</summary>
    public Task<ServiceResult<TokenBatch>> ChangeAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> ids, ChangeTokenRequest change,
        CancellationToken ct = default) =>
        _write.RunAsync(actor, family, ids, deleting: false, (db, token, now) =>
            TokenSteps.ChangeAsync(db, audit, actor, options.CurrentValue, token, change, onlyLater: false, now, ct), ct);

    public Task<ServiceResult<TokenBatch>> DeleteAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        _write.RunAsync(actor, family, ids, deleting: true, (db, token, _) => Task.FromResult(TokenSteps.Delete(db, audit, actor, token)), ct);

    /// <summary>Gives each named token a new expiry <paramref name="seconds"/> from now, by the rules of a PATCH. A token the
    /// rules refuse, and one that already expires later, is left as it is and reported with the reason.</summary>
    public async Task<ServiceResult<TokenBatch>> ExtendAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> ids,
        BigInteger seconds, CancellationToken ct = default)
    {
        if (seconds <= 0)
            return ServiceError.Validation(Expiry.Field, "Choose a lifetime of at least one second; to end tokens, expire them instead.");
        var change = new ChangeTokenRequest(SecondsUntilExpire: seconds);
        return await _write.RunAsync(actor, family, ids, deleting: false, (db, token, now) =>
            TokenSteps.ChangeAsync(db, audit, actor, options.CurrentValue, token, change, onlyLater: true, now, ct), ct);
    }

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
}
