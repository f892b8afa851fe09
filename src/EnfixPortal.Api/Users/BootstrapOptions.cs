using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Users;

public sealed class BootstrapOptions
{
    public const string Section = "Enfix:Bootstrap";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Enfix:Bootstrap:AdminUsername must name the first administrator.")]
    [StringLength(256, ErrorMessage = "Enfix:Bootstrap:AdminUsername must be at most 256 characters.")]
    public string AdminUsername { get; set; } = "admin";

    /// <summary>Empty: a strong password is generated on first run and printed once.</summary>
    public string? AdminPassword { get; set; }
}
