using System.Globalization;
using System.Threading.RateLimiting;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>API login attempts per client address, spent from the allowance the portal's sign-in shares
/// (<see cref="SignInRateLimiter"/>).</summary>
public static class LoginRateLimit
{
    public const string Policy = "enfix-login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services)
    {
        services.BindSettings<RateLimitSettings>(RateLimitSettings.Section);
        services.AddSingleton<SignInRateLimiter>();
        services.AddSingleton<FailedTokenChecks>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<SignInRateLimiter>((limiter, shared) =>
        {
            limiter.AddPolicy(Policy, http => RateLimitPartition.Get(ApiCaller.ClientAddress(http) ?? SignInRateLimiter.UnknownAddress, shared.For));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        var error = ApiError.Of(StatusCodes.Status429TooManyRequests, "rate_limit",
            $"Too many login attempts from this address; wait {seconds} seconds and try again.")
            .WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        return new ValueTask(error.ExecuteAsync(context.HttpContext));
    }
}
