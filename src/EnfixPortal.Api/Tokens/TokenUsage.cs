using System.Collections.Concurrent;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>Remembers when tokens were last used and writes that down in batches, so a request never waits on a write.</summary>
public sealed class TokenUsage(IDbContextFactory<EnfixDbContext> dbFactory, ILogger<TokenUsage> logger)
{
    private ConcurrentDictionary<string, DateTime> _pending = new();

    /// <summary>Last use is shown to the second, so a token already recorded within the same second needs no write:
    /// the hot path then only reads the dictionary.</summary>
    public void Record(string accessor, DateTime at)
    {
        if (_pending.TryGetValue(accessor, out var previous) && previous.Ticks / TimeSpan.TicksPerSecond >= at.Ticks / TimeSpan.TicksPerSecond)
            return;
        _pending.AddOrUpdate(accessor, static (_, at) => at, static (_, previous, at) => previous > at ? previous : at, at);
    }

    public int PendingCount => _pending.Count;

    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (_pending.IsEmpty) return;
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, DateTime>());
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (accessor, at) in batch)
                await db.Tokens.Where(t => t.Accessor == accessor && (t.LastUsedAt == null || t.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at), ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            foreach (var (accessor, at) in batch) Record(accessor, at);
            throw;
        }
        logger.LogDebug("Recorded last use of {Count} tokens", batch.Count);
    }
}

/// <summary>Flushes <see cref="TokenUsage"/> on an interval and once more at shutdown.</summary>
public sealed class TokenUsageFlusher(TokenUsage usage, IOptions<TokenSettings> options, ILogger<TokenUsageFlusher> logger)
    : IntervalFlusher(options.Value.LastUsedFlushInterval, logger, "token use")
{
    protected override Task FlushAsync(CancellationToken ct) => usage.FlushAsync(ct);
}
