using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.Identity;

namespace EnfixPortal.Api.Users;

/// <summary>Turns Identity's error list into the API's one-message-per-field shape.</summary>
internal static class IdentityErrorMapping
{
    public static ServiceError ToServiceError(IEnumerable<IdentityError> errors)
    {
        var byField = new Dictionary<string, string>();
        foreach (var error in errors)
        {
            var field = FieldOf(error.Code);
            byField[field] = byField.TryGetValue(field, out var previous) ? $"{previous} {error.Description}" : error.Description;
        }
        return new ServiceError(ServiceErrorKind.Validation, byField);
    }

    private static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "password",
        _ when code.Contains("UserName", StringComparison.Ordinal) => "username",
        _ when code.Contains("Email", StringComparison.Ordinal) => "email",
        _ when code.Contains("Role", StringComparison.Ordinal) => "roles",
        _ => "body",
    };
}
