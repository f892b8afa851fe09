using Microsoft.AspNetCore.Identity;

namespace EnfixPortal.Components.Pages.Users;

/// <summary>The configured password rules in plain words, shown under a password field before anything is typed.</summary>
public static class PasswordRules
{
    public static string Describe(PasswordOptions rules)
    {
        var kinds = new List<string>();
        if (rules.RequireLowercase) kinds.Add("a lowercase letter");
        if (rules.RequireUppercase) kinds.Add("an uppercase letter");
        if (rules.RequireDigit) kinds.Add("a digit");
        if (rules.RequireNonAlphanumeric) kinds.Add("a symbol such as ! or -");
        var length = $"At least {rules.RequiredLength} characters";
        return kinds.Count switch
        {
            0 => $"{length}.",
            1 => $"{length}, with {kinds[0]}.",
            _ => $"{length}, with {string.Join(", ", kinds[..^1])} and {kinds[^1]}.",
        };
    }
}
