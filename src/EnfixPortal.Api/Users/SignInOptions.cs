using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Users;

public sealed class LockoutSettings
{
    public const string Section = "Enfix:Lockout";

    /// <summary>Wrong passwords in a row for one account from one client address before that address is locked out of it.</summary>
    [Range(1, 1000, ErrorMessage = "Enfix:Lockout:MaxFailedAttempts must be between 1 and 1000.")]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>Wrong passwords in a row for one account from all addresses together before the account is locked for everyone.</summary>
    [Range(1, 100_000, ErrorMessage = "Enfix:Lockout:AccountMaxFailedAttempts must be between 1 and 100000.")]
    public int AccountMaxFailedAttempts { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Enfix:Lockout:Duration must be between 00:00:01 and 365.00:00:00.")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class PasswordSettings
{
    public const string Section = "Enfix:Password";

    [Range(1, 128, ErrorMessage = "Enfix:Password:RequiredLength must be between 1 and 128.")]
    public int RequiredLength { get; set; } = 8;
    public bool RequireDigit { get; set; } = true;
    public bool RequireLowercase { get; set; } = true;
    public bool RequireUppercase { get; set; } = true;
    public bool RequireNonAlphanumeric { get; set; } = true;
}
