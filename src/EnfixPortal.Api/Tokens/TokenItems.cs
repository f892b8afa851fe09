namespace EnfixPortal.Api.Tokens;

/// <summary>An app token as the API lists it; the token itself is never shown again after creation.</summary>
public sealed record AppTokenItem(
    string Accessor, string Hint, string? Name, string User, DateTime CreatedAt, DateTime ExpiresAt, bool Expired, DateTime? LastUsedAt)
{
    public static AppTokenItem From(TokenView token) => new(
        token.Accessor, token.Hint, token.Name, token.UserId, token.CreatedAt, token.ExpiresAt, token.Expired, token.LastUsedAt);
}

/// <summary>A user token (<c>login</c> or <c>obo</c>) as the API lists it.</summary>
public sealed record UserTokenItem(
    string Accessor, string Hint, string? Name, string User, string Kind, string? IssuedBy,
    DateTime CreatedAt, DateTime ExpiresAt, bool Expired, DateTime? LastUsedAt)
{
    public static UserTokenItem From(TokenView token) => new(
        token.Accessor, token.Hint, token.Name, token.UserId, KindName(token.Kind), token.IssuedById,
        token.CreatedAt, token.ExpiresAt, token.Expired, token.LastUsedAt);

    public static string KindName(TokenKind kind) => kind == TokenKind.Login ? "login" : "obo";
}

/// <summary><c>{"app_token": "..."}</c>, exactly as in the seed document.</summary>
public sealed record AppTokenCreated(string AppToken);

/// <summary><c>{"token": "..."}</c>, exactly as in the seed document (login and OBO).</summary>
public sealed record UserTokenCreated(string Token);

/// <summary>The fields a POST may send, all optional (for the OpenAPI document; the body is read field by field).</summary>
public sealed class CreateTokenBody
{
    /// <summary>An integer of any size, counted from now; -1 or less makes an expired token. Default: the configured lifetime.</summary>
    public long? SecondsUntilExpire { get; init; }
    public string? Name { get; init; }
    /// <summary>The owner's user id (24 hex); another user's needs the admin role. Default: the caller.</summary>
    public string? User { get; init; }
}

/// <summary>The fields a PATCH may send: at least one.</summary>
public sealed class ChangeTokenBody
{
    /// <summary>An integer of any size, counted from now; -1 or less expires the token at once (the record stays).</summary>
    public long? SecondsUntilExpire { get; init; }
    public string? Name { get; init; }
}
