using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>The idle policy (<c>Enfix:Tokens:IdleExpiry</c>, off unless set): app and OBO tokens not used for that long
/// (never used: since their creation) are expired, their records kept, each audited and announced as <c>token.expired</c>
/// with reason <c>idle</c>. Run by the maintenance loop, in batches.</summary>
public sealed class IdleTokenExpiry(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<TokenSettings> settings,
    AuditLog audit, TokenEvents events, WebhookOutbox outbox, TokenRevocations revocations)
{
    private static readonly Actor Policy = new(null, "idle policy", true, Door.Cli);

    public async Task<int> RunAsync(int batchSize = 500, CancellationToken ct = default)
    {
        if (settings.CurrentValue.IdleExpiry is not { } idle) return 0;
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var unusedSince = now - idle;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var idleTokens = await db.Tokens.Include(t => t.User)
                .Where(t => t.Kind != TokenKind.Login && t.ExpiresAt > now && (t.LastUsedAt ?? t.CreatedAt) < unusedSince)
                .OrderBy(t => t.Id).Take(batchSize).ToListAsync(ct);
            foreach (var token in idleTokens)
            {
                token.ExpiresAt = now;
                db.AuditEvents.Add(audit.For(Policy, AuditActions.TokenIdleExpired, targetAccessor: token.Accessor, targetUserId: token.UserId,
                    detail: $"unused since {AuditDetail.Time(token.LastUsedAt ?? token.CreatedAt)}"));
            }
            await events.ExpiredAsync(db, idleTokens, "idle", ct);
            await db.SaveChangesAsync(ct);
            foreach (var token in idleTokens) revocations.Revoke(token.SecretHash);
            total += idleTokens.Count;
            if (idleTokens.Count < batchSize)
            {
                if (total > 0) outbox.Wake();
                return total;
            }
        }
    }
}
