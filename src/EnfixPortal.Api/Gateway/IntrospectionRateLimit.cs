using System.Threading.RateLimiting;
using EnfixPortal.Api.Common;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Gateway;

/// <summary>Introspection calls per caller (its user and app token), <c>Enfix:RateLimits:IntrospectionsPerMinute</c> in a
/// fixed one-minute window, counted on this node: a resource server may ask often, but nobody may use the endpoint to
/// try secrets at speed.</summary>
public sealed class IntrospectionRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public IntrospectionRateLimit(IOptions<RateLimitSettings> settings)
    {
        var perMinute = settings.Value.IntrospectionsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetFixedWindowLimiter(caller,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Spends one call of the caller; refused, the whole seconds until its allowance renews.</summary>
    public int SecondsRefused(string userId, string appTokenAccessor)
    {
        using var lease = _limiter.AttemptAcquire($"{userId}/{appTokenAccessor}");
        if (lease.IsAcquired) return 0;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
    }

    public void Dispose() => _limiter.Dispose();
}
