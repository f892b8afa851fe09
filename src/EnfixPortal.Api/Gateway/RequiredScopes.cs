using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Gateway;

/// <summary>The scopes a forward-auth check is asked to require (<c>?scope=orders:write</c>, repeatable): each a well-formed
/// scope name, at most as many as a token may carry.</summary>
public static class RequiredScopes
{
    public const string Field = "scope";

    public static ServiceResult<string[]> Parse(StringValues values)
    {
        if (values.Count > TokenScopes.MaxCount)
            return ServiceError.Validation(Field, $"Ask for at most {TokenScopes.MaxCount} scopes; this request asks for {values.Count}.");
        var scopes = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var scope = values[i] ?? "";
            if (scope.Length == 0)
                return ServiceError.Validation(Field, "scope needs a value, such as ?scope=orders:read; leave it out to require none.");
            if (!TokenScopes.IsWellFormed(scope))
                return ServiceError.Validation(Field, $"Each scope is 1 to {TokenScopes.MaxLength} lowercase letters, digits and the " +
                    "characters _ . : - (such as orders:read); repeat ?scope= to require several.");
            scopes[i] = scope;
        }
        return scopes;
    }

    /// <summary>The first of <paramref name="scopes"/> the pair lacks, or null when it carries them all.</summary>
    public static string? Lacking(TokenPrincipal caller, IEnumerable<string> scopes) => scopes.FirstOrDefault(scope => !caller.Allows(scope));
}
