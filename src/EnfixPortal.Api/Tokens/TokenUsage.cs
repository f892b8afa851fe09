using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Collections.Concurrent;

namespace EnfixPortal.Api.Tokens;

/// <summary>Remembers when tokens were last used, and by which client, and writes that down in batches, so a request never
/// waits on a write.</summary>
public sealed class TokenUsage(IDbContextFactory<EnfixDbContext> dbFactory, ILogger<TokenUsage> logger)
{
    private ConcurrentDictionary<string, Use> _pending = new();

    /// <summary>Last use is shown to the second, so a token already recorded within the same second needs no write:
    /// the hot path then only reads the dictionary (and the client of that second's first use is the one kept). The
    /// client's address and User-Agent are kept as the request's own references and turned into text at the flush.</summary>
    public void Record(string accessor, DateTime at, TokenClient client = default)
    {
        if (_pending.TryGetValue(accessor, out var previous) && previous.At.Ticks / TimeSpan.TicksPerSecond >= at.Ticks / TimeSpan.TicksPerSecond)
            return;
        _pending.AddOrUpdate(accessor, static (_, use) => use, static (_, previous, use) => previous.At > use.At ? previous : use,
            new Use(at, client));
    }

    public int PendingCount => _pending.Count;

    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (_pending.IsEmpty) return;
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, Use>());
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (accessor, use) in batch)
            {
                var (at, address, userAgent) = (use.At, use.Client.AddressText, use.Client.UserAgentText);
                await db.Tokens.Where(t => t.Accessor == accessor && (t.LastUsedAt == null || t.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at)
                        .SetProperty(t => t.LastUsedAddress, address).SetProperty(t => t.LastUsedUserAgent, userAgent), ct);
            }
            await transaction.CommitAsync(ct);
        }
        catch
        {
            foreach (var (accessor, use) in batch) Record(accessor, use.At, use.Client);
            throw;
        }
        logger.LogDebug("Recorded last use of {Count} tokens", batch.Count);
    }

    private readonly record struct Use(DateTime At, TokenClient Client);
}

/// <summary>Flushes <see cref="TokenUsage"/> on an interval and once more at shutdown.</summary>
public sealed class TokenUsageFlusher(TokenUsage usage, IOptions<TokenSettings> options, ILogger<TokenUsageFlusher> logger)
    : IntervalFlusher(options.Value.LastUsedFlushInterval, logger, "token use")
{
    protected override Task FlushAsync(CancellationToken ct) => usage.FlushAsync(ct);
}
