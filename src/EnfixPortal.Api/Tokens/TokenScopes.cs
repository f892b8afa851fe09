using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Tokens;

/// <summary>The rules for the scopes a new token is given, the same for every door: each scope 1 to 100 characters of
/// <c>a-z 0-9 _ . : -</c>, at most 50, each listed once (a duplicate is refused, not merged). A token never gains a scope its
/// creating request lacked: scopes beyond the request's are refused, and no scopes at all means the request's own.</summary>
public static class TokenScopes
{
    public const string Field = "scopes";
    public const int MaxCount = 50;
    public const int MaxLength = 100;
    /// <summary>The longest stored form: every scope at full length, a space between each two.</summary>
    public const int MaxStoredLength = MaxCount * (MaxLength + 1) - 1;

    public static bool IsWellFormed(string scope) =>
        scope.Length is >= 1 and <= MaxLength && scope.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or ':' or '-');

    /// <summary>The scopes of a token made by <paramref name="actor"/>: <paramref name="requested"/> when given (null: not
    /// given) and within the actor's, else the actor's own (null, unrestricted, through the portal, the CLI and an
    /// unscoped token pair).</summary>
    public static ServiceResult<ScopeSet?> Resolve(IReadOnlyList<string>? requested, Actor actor)
    {
        if (requested is null) return actor.Scopes;
        var parsed = Parse(requested);
        if (parsed.Error is { } invalid) return invalid;
        var lacking = parsed.Value!.Except(actor.Scopes).ToList();
        if (lacking.Count > 0)
            return ServiceError.Validation(Field, $"The tokens of this request do not carry {string.Join(", ", lacking)}; " +
                "a token cannot be given a scope that the tokens creating it lack.");
        // Introspection answers about other users' tokens: only an administrator hands that right out (a scoped request
        // may pass on an introspect scope it was given).
        if (actor.Scopes is null && !actor.IsAdmin && parsed.Value!.Contains(BuiltInScopes.Introspect))
            return ServiceError.Forbidden($"Only an administrator may give a token the {BuiltInScopes.Introspect} scope.");
        return parsed.Value;
    }

    public static ServiceResult<ScopeSet> Parse(IReadOnlyList<string> scopes)
    {
        if (scopes.Count > MaxCount)
            return ServiceError.Validation(Field, $"A token carries at most {MaxCount} scopes; this one would carry {scopes.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scopes.Count; i++)
        {
            var scope = scopes[i];
            if (scope.Length is 0 or > MaxLength)
                return ServiceError.Validation(Field, $"scopes[{i}] must be 1 to {MaxLength} characters long.");
            if (!IsWellFormed(scope))
                return ServiceError.Validation(Field,
                    $"scopes[{i}] may contain only lowercase letters, digits and the characters _ . : - (such as orders:read).");
            if (!seen.Add(scope))
                return ServiceError.Validation(Field, $"scopes lists {scope} more than once; list each scope once.");
        }
        return ScopeSet.Of(seen);
    }

    /// <summary>The audit detail of a new token: its scopes (none for an unrestricted token), cut to fit the audit log's
    /// detail column.</summary>
    public static string? AuditDetail(ScopeSet? scopes)
    {
        if (scopes is null) return null;
        var text = $"scopes={scopes.Text}";
        return text.Length <= AuditDetailLength ? text : $"{text[..(AuditDetailLength - 20)]}… ({scopes.Count} scopes)";
    }

    private const int AuditDetailLength = 500;
}
