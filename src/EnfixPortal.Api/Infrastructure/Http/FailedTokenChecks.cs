using System.Collections.Concurrent;
using System.Net;
using EnfixPortal.Api.Common;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Refused token pairs per client address, in one-minute windows. Past <c>FailedTokenChecksPerMinute</c> an
/// address is answered 429 before its pair is checked, so a flood of made-up tokens (each a new one, which
/// <see cref="Tokens.UnknownSecrets"/> cannot remember) costs no database read per request, and other clients keep
/// theirs. Counted per node; bounded (a full table starts over).</summary>
public sealed class FailedTokenChecks(IOptionsMonitor<RateLimitSettings> settings, TimeProvider time)
{
    private const int MaxAddresses = 100_000;
    private readonly ConcurrentDictionary<IPAddress, Window> _windows = new();

    /// <summary>Seconds until the address may be checked again; 0 when it may be now.</summary>
    public int SecondsRefused(IPAddress? address)
    {
        if (address is null || !_windows.TryGetValue(address, out var window)) return 0;
        var left = window.Start.AddMinutes(1) - time.GetUtcNow();
        if (left <= TimeSpan.Zero || window.Count < settings.CurrentValue.FailedTokenChecksPerMinute) return 0;
        return Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
    }

    public void Failed(IPAddress? address)
    {
        if (address is null) return;
        if (_windows.Count >= MaxAddresses) _windows.Clear();
        var now = time.GetUtcNow();
        _windows.AddOrUpdate(address, _ => new Window(now, 1),
            (_, window) => now - window.Start >= TimeSpan.FromMinutes(1) ? new Window(now, 1) : window with { Count = window.Count + 1 });
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
