using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Collections.Concurrent;

namespace EnfixPortal.Api.Tokens;

/// <summary>Introspection is audited in aggregate: each call is counted in memory per caller (user and app token), and
/// <see cref="FlushAsync"/> writes one <c>token.introspected</c> event per caller with the counts since the last flush
/// (<c>calls=N active=N inactive=N</c>), so a resource server asking thousands of times a minute adds a row a minute,
/// not thousands. The tokens asked about are not recorded: their secrets never are, and their accessors would be per call.</summary>
public sealed class IntrospectionAudit(IDbContextFactory<EnfixDbContext> dbFactory, AuditLog audit)
{
    public const string Action = "token.introspected";

    private ConcurrentDictionary<(string? UserId, string? AppToken), Tally> _pending = new();

    public void Count(Actor caller, bool active)
    {
        var tally = _pending.GetOrAdd((caller.UserId, caller.AppTokenAccessor), _ => new Tally(caller));
        Interlocked.Increment(ref active ? ref tally.Active : ref tally.Inactive);
    }

    public async Task FlushAsync(CancellationToken ct = default)
    {
        if (_pending.IsEmpty) return;
        var batch = Interlocked.Exchange(ref _pending, new());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var tally in batch.Values)
        {
            var (active, inactive) = (Volatile.Read(ref tally.Active), Volatile.Read(ref tally.Inactive));
            db.AuditEvents.Add(audit.For(tally.Caller, Action, targetAccessor: tally.Caller.AppTokenAccessor,
                targetUserId: tally.Caller.UserId, detail: $"calls={active + inactive} active={active} inactive={inactive}"));
        }
        await db.SaveChangesAsync(ct);
    }

    private sealed class Tally(Actor caller)
    {
        public readonly Actor Caller = caller;
        public long Active;
        public long Inactive;
    }
}

/// <summary>Writes the introspection counts every <c>Enfix:Tokens:IntrospectionAuditInterval</c> and at shutdown.</summary>
public sealed class IntrospectionAuditFlusher(IntrospectionAudit audit, IOptions<TokenSettings> options, ILogger<IntrospectionAuditFlusher> logger)
    : IntervalFlusher(options.Value.IntrospectionAuditInterval, logger, "introspection counts")
{
    protected override Task FlushAsync(CancellationToken ct) => audit.FlushAsync(ct);
}
