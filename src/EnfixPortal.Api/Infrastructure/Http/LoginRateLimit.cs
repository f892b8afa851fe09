using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure.Http;

public sealed class RateLimitSettings
{
    public const string Section = "Enfix:RateLimits";

    [Range(1, 1_000_000, ErrorMessage = "Enfix:RateLimits:LoginPerMinute must be between 1 and 1000000.")]
    public int LoginPerMinute { get; set; } = 60;
}

/// <summary>Login attempts per client address: a fixed one-minute window from the framework's rate limiter.</summary>
public static class LoginRateLimit
{
    public const string Policy = "enfix-login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services)
    {
        services.BindSettings<RateLimitSettings>(RateLimitSettings.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((limiter, settings) =>
        {
            var perMinute = settings.Value.LoginPerMinute;
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                ApiCaller.ClientAddress(http) ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
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
