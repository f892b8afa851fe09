using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Tokens;

internal static class TokenNames
{
    public const int MaxLength = 200;

    public static ServiceResult<string?> Normalize(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return (string?)null;
        if (trimmed.Length > MaxLength) return ServiceError.Validation("name", $"name must be at most {MaxLength} characters.");
        if (trimmed.Any(char.IsControl)) return ServiceError.Validation("name", "name must not contain control characters.");
        return trimmed;
    }
}
