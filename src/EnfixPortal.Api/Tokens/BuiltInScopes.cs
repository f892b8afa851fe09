namespace EnfixPortal.Api.Tokens;

/// <summary>The scopes EnfixPortal's own API endpoints require of a scoped token pair. Any other scope is a free-form
/// label for the services behind a gateway; an unscoped pair needs none of these.</summary>
public static class BuiltInScopes
{
    public const string TokensRead = "tokens:read";
    public const string TokensWrite = "tokens:write";
    public const string UsersRead = "users:read";
    public const string UsersWrite = "users:write";
    public const string Introspect = "introspect";

    /// <summary>Every built-in scope with what it allows, in the order the docs and the portal list them.</summary>
    public static readonly IReadOnlyList<(string Scope, string Allows)> All =
    [
        (TokensRead, "list and read app tokens and user tokens (GET /api/v1/app_tokens/, /api/v1/tokens/)"),
        (TokensWrite, "create, change and delete app tokens and user tokens (POST, PATCH, DELETE on them)"),
        (UsersRead, "list and read users (GET /api/v1/users/; administrators only)"),
        (UsersWrite, "create, change and delete users (POST, PATCH, DELETE /api/v1/users/; administrators only)"),
        (Introspect, "ask about other tokens (POST /api/v1/introspect)"),
    ];
}
