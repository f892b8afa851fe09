using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Webhooks;

public sealed class WebhookSettings : IValidatableObject
{
    public const string Section = "Enfix:Webhooks";

    /// <summary>Lets webhooks reach loopback, link-local and private addresses (a receiver on the same network).</summary>
    public bool AllowPrivateAddresses { get; set; }
    /// <summary>Lets webhooks reach loopback addresses only (a receiver on the same machine); private ones stay refused.</summary>
    public bool AllowLoopback { get; set; }
    /// <summary>Days before a token's expiry at which <c>token.expiring</c> is sent, comma-separated.</summary>
    public string ExpiryWarnings { get; set; } = "30,7,1";
    /// <summary>Expired tokens are announced (<c>token.expired</c>) when they expired at most this long ago.</summary>
    public TimeSpan ExpiredLookback { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How long a failing delivery is retried, with the wait doubling from <see cref="FirstRetryDelay"/>.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How long one delivery attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How often the sender looks for due deliveries and tokens to announce.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After a failed attempt (the <paramref name="attempts"/>th) of a message queued at <paramref name="queuedAt"/>:
    /// whether to give up, and else when to try again, the wait doubling from <see cref="FirstRetryDelay"/> up to six hours,
    /// never past <see cref="RetryFor"/>. Webhook deliveries and emails are retried alike.</summary>
    public (bool GiveUp, DateTime NextAttemptAt) AfterFailure(DateTime queuedAt, int attempts, DateTime now)
    {
        var giveUpAt = queuedAt + RetryFor;
        var wait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(6).Ticks, FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
        return (now >= giveUpAt, now + wait < giveUpAt ? now + wait : giveUpAt);
    }

    public IReadOnlyList<int> WarningDays =>
        ExpiryWarnings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, out var days) ? days : -1).Distinct().Order().ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarningDays.Any(d => d is < 1 or > 3650))
            yield return new($"{Section}:ExpiryWarnings must list whole numbers of days between 1 and 3650, such as 30,7,1.");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            yield return new($"{Section}:Timeout must be between 00:00:00.001 and 00:05:00.");
        if (PollInterval <= TimeSpan.Zero || FirstRetryDelay <= TimeSpan.Zero || RetryFor <= TimeSpan.Zero || ExpiredLookback < TimeSpan.Zero)
            yield return new($"{Section}:PollInterval, FirstRetryDelay and RetryFor must be positive durations.");
    }
}
