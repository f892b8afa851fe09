using System.Threading.RateLimiting;
using EnfixPortal.Api.Common;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Users;

/// <summary>One allowance of sign-in attempts per client address for every door that takes a password (the API's
/// login and the portal's sign-in form): <c>Enfix:RateLimits:LoginPerMinute</c> in a fixed one-minute window, counted
/// on this node. An attempt at either door spends from the same allowance.</summary>
public sealed class SignInRateLimiter : IDisposable
{
    /// <summary>The key for a request whose client address is not known; the sign-in lockout counts under it too.</summary>
    public const string UnknownAddress = "unknown";

    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInRateLimiter(IOptions<RateLimitSettings> settings)
    {
        var perMinute = settings.Value.LoginPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Spends one attempt of the address; refused, it tells how long until the allowance renews.</summary>
    public bool TryAcquire(string? clientAddress, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(clientAddress ?? UnknownAddress);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    /// <summary>The address's allowance as a rate limiter of its own, for the framework's rate-limiting middleware.</summary>
    public RateLimiter For(string? clientAddress) => new AddressView(_limiter, clientAddress ?? UnknownAddress);

    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public void Dispose() => _limiter.Dispose();

    /// <summary>Spends from the shared allowance; the middleware may drop and dispose it at will, the allowance stays.</summary>
    private sealed class AddressView(PartitionedRateLimiter<string> shared, string address) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;
        public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics(address);
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(address, permitCount);
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct) =>
            shared.AcquireAsync(address, permitCount, ct);
    }
}
