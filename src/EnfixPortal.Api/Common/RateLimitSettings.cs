using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Common;

/// <summary><c>Enfix:RateLimits</c>: the per-client allowances of the sign-in doors, failed token checks and introspection.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "Enfix:RateLimits";

    [Range(1, 1_000_000, ErrorMessage = "Enfix:RateLimits:LoginPerMinute must be between 1 and 1000000.")]
    public int LoginPerMinute { get; set; } = 60;

    [Range(1, 1_000_000, ErrorMessage = "Enfix:RateLimits:FailedTokenChecksPerMinute must be between 1 and 1000000.")]
    public int FailedTokenChecksPerMinute { get; set; } = 600;

    [Range(1, 1_000_000, ErrorMessage = "Enfix:RateLimits:IntrospectionsPerMinute must be between 1 and 1000000.")]
    public int IntrospectionsPerMinute { get; set; } = 6000;
}
