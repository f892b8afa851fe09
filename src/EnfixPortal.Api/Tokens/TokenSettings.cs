using EnfixPortal.Api.Model;
using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Tokens;

public sealed class TokenSettings : IValidatableObject
{
    public const string Section = "Enfix:Tokens";

    public TimeSpan AppTokenLifetime { get; set; } = TimeSpan.FromDays(73_050);
    public TimeSpan UserTokenLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan OboTokenLifetime { get; set; } = TimeSpan.FromDays(1);
    /// <summary>The longest expiry anyone may ask for, per kind, through any door (the defaults above must fit).</summary>
    public TimeSpan MaxAppTokenLifetime { get; set; } = TimeSpan.FromDays(73_050);
    public TimeSpan MaxUserTokenLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan MaxOboTokenLifetime { get; set; } = TimeSpan.FromDays(1);
    /// <summary>The longest grace period a rotation may give the secret it replaces.</summary>
    public TimeSpan MaxRotationGrace { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Expired login tokens older than this are purged; app and OBO tokens are kept.</summary>
    public TimeSpan ExpiredLoginTokenRetention { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How often last-used times are written down in one batch.</summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often introspection calls are written to the audit log, one event per caller with its counts.</summary>
    public TimeSpan IntrospectionAuditInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How often old login tokens are purged and the database's statistics refreshed.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long a validated token is trusted from memory at most, should a change notice ever be missed.</summary>
    public TimeSpan ValidationCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>App and OBO tokens unused this long are expired by the maintenance loop (record kept); off when unset.</summary>
    public TimeSpan? IdleExpiry { get; set; }
    [Range(1, 10_000_000, ErrorMessage = "Enfix:Tokens:ValidationCacheSize must be between 1 and 10000000.")]
    public int ValidationCacheSize { get; set; } = 100_000;

    public TimeSpan MaxLifetime(TokenKind kind) => kind switch
    {
        TokenKind.App => MaxAppTokenLifetime,
        TokenKind.Login => MaxUserTokenLifetime,
        _ => MaxOboTokenLifetime,
    };

    public static string MaxLifetimeSetting(TokenKind kind) => kind switch
    {
        TokenKind.App => $"{Section}:{nameof(MaxAppTokenLifetime)}",
        TokenKind.Login => $"{Section}:{nameof(MaxUserTokenLifetime)}",
        _ => $"{Section}:{nameof(MaxOboTokenLifetime)}",
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
        {
            (nameof(AppTokenLifetime), AppTokenLifetime), (nameof(UserTokenLifetime), UserTokenLifetime),
            (nameof(OboTokenLifetime), OboTokenLifetime), (nameof(MaxAppTokenLifetime), MaxAppTokenLifetime),
            (nameof(MaxUserTokenLifetime), MaxUserTokenLifetime), (nameof(MaxOboTokenLifetime), MaxOboTokenLifetime),
            (nameof(ExpiredLoginTokenRetention), ExpiredLoginTokenRetention),
            (nameof(LastUsedFlushInterval), LastUsedFlushInterval),
            (nameof(ValidationCacheLifetime), ValidationCacheLifetime),
            (nameof(MaintenanceInterval), MaintenanceInterval), (nameof(MaxRotationGrace), MaxRotationGrace),
        })
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(3_000_000))
                yield return new ValidationResult($"{Section}:{name} must be a positive duration such as 1.00:00:00 (one day); it was {value}.", [name]);
        }
        if (IdleExpiry is { } idle && (idle < TimeSpan.FromHours(1) || idle > TimeSpan.FromDays(3_000_000)))
            yield return new ValidationResult($"{Section}:{nameof(IdleExpiry)} must be at least one hour, such as 90.00:00:00; it was {idle}.", [nameof(IdleExpiry)]);
        foreach (var (name, lifetime, maxName, max) in new[]
        {
            (nameof(AppTokenLifetime), AppTokenLifetime, nameof(MaxAppTokenLifetime), MaxAppTokenLifetime),
            (nameof(UserTokenLifetime), UserTokenLifetime, nameof(MaxUserTokenLifetime), MaxUserTokenLifetime),
            (nameof(OboTokenLifetime), OboTokenLifetime, nameof(MaxOboTokenLifetime), MaxOboTokenLifetime),
        })
        {
            if (lifetime > max)
                yield return new ValidationResult($"{Section}:{name} ({lifetime}) must not exceed {Section}:{maxName} ({max}).", [name]);
        }
    }
}
