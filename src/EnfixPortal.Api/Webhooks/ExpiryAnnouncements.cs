using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Mail;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Finds app and OBO tokens that came within a warning threshold of their expiry (<c>token.expiring</c>) or
/// expired (<c>token.expired</c>), and records each announcement with its events in one transaction. A token is warned
/// at the nearest threshold it reached (by webhook, and by email to its owner when a mail server is set), and only for a threshold it crossed: one made with 5 days to live gets no
/// 30- or 7-day warning. A changed expiry is a new expiry, announced afresh.</summary>
public sealed class ExpiryAnnouncements(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, WebhookOutbox outbox,
    IOptionsMonitor<WebhookSettings> settings, ExpiryMail mail)
{
    private const int Batch = 500;

    /// <summary>Announces what is due; returns how many events were raised.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var raised = 0;
        var current = settings.CurrentValue;
        foreach (var days in current.WarningDays) raised += await AnnounceAsync(days, current, ct);
        raised += await AnnounceAsync(0, current, ct);
        if (raised > 0) outbox.Wake();
        return raised;
    }

    private async Task<int> AnnounceAsync(int days, WebhookSettings current, CancellationToken ct)
    {
        var raised = 0;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var due = await Due(db, days, now, current.ExpiredLookback).Include(t => t.User).OrderBy(t => t.ExpiresAt).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) return raised;
            var subscribers = await WebhookOutbox.SubscribersAsync(db, ct);
            foreach (var token in due)
            {
                db.TokenNotices.Add(new TokenNotice { TokenId = token.Id, DaysBefore = days, ExpiresAt = token.ExpiresAt, At = now });
                if (days > 0 && token.CreatedAt > token.ExpiresAt - TimeSpan.FromDays(days)) continue;
                var data = TokenEvents.Describe(token, null) with { DaysBeforeExpiry = days > 0 ? days : null, Reason = days > 0 ? null : "expiry" };
                outbox.Add(db, subscribers, days > 0 ? WebhookEventTypes.TokenExpiring : WebhookEventTypes.TokenExpired, data);
                if (days > 0) mail.Add(db, token, days);
                raised++;
            }
            // The unique key (token, threshold, expiry) refuses an announcement another node made first: then none of
            // this batch is written, and the next round reads what is left.
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return raised; }
            if (due.Count < Batch) return raised;
        }
    }

    /// <summary>Tokens within <paramref name="days"/> of expiry with no announcement at this threshold or a nearer one
    /// (0: expired within the lookback, not announced as expired or revoked).</summary>
    private static IQueryable<Token> Due(EnfixDbContext db, int days, DateTime now, TimeSpan lookback)
    {
        var tokens = db.Tokens.Where(t => t.Kind != TokenKind.Login);
        if (days == 0)
        {
            var since = now - lookback;
            return tokens.Where(t => t.ExpiresAt <= now && t.ExpiresAt > since
                && !db.TokenNotices.Any(n => n.TokenId == t.Id && n.DaysBefore == 0 && n.ExpiresAt == t.ExpiresAt));
        }
        var horizon = now + TimeSpan.FromDays(days);
        return tokens.Where(t => t.ExpiresAt > now && t.ExpiresAt <= horizon
            && !db.TokenNotices.Any(n => n.TokenId == t.Id && n.DaysBefore > 0 && n.DaysBefore <= days && n.ExpiresAt == t.ExpiresAt));
    }
}
