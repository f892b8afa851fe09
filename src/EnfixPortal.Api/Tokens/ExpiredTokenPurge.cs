using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>Deletes login tokens that expired longer ago than the retention, in small batches so that no write
/// holds the database for long. App and OBO tokens are kept: an expired one keeps its record (Enfix's API keeps it after an expiry of -1).</summary>
public sealed class ExpiredTokenPurge(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<TokenSettings> settings,
    ChangeFeed changes)
{
    public async Task<int> RunAsync(int batchSize = 1000, CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - settings.CurrentValue.ExpiredLoginTokenRetention;
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = db.Tokens.Where(t => t.Kind == TokenKind.Login && t.ExpiresAt < cutoff).OrderBy(t => t.ExpiresAt).Take(batchSize).Select(t => t.Id);
            var deleted = await db.Tokens.Where(t => batch.Contains(t.Id)).ExecuteDeleteAsync(ct);
            total += deleted;
            if (deleted > 0) changes.Committed(ChangeAreas.Tokens | ChangeAreas.Users); // no audit event to announce it
            if (deleted < batchSize) return total;
        }
    }
}
