using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
namespace EnfixPortal.Api.Endpoints;

/// <summary>An app token as the API lists it; the token itself is never shown again after creation.</summary>
/// <param name="Scopes">Null: the token has its owner's full rights.</param>
/// <param name="LastUsedIp">The client address of the last use, written with <c>last_used_at</c>.</param>
public sealed record AppTokenItem(
    string Accessor, string Hint, string? Name, IReadOnlyList<string>? Scopes, string User, DateTime CreatedAt, DateTime ExpiresAt, bool Expired,
    DateTime? LastUsedAt, string? LastUsedIp, string? LastUsedUserAgent, CreatedByItem CreatedBy)
{
    public static AppTokenItem From(TokenView token) => new(
        token.Accessor, token.Hint, token.Name, token.Scopes?.Sorted, token.UserId, token.CreatedAt, token.ExpiresAt, token.Expired,
        token.LastUsedAt, token.LastUsedAddress, token.LastUsedUserAgent, CreatedByItem.From(token.CreatedBy));
}

/// <summary>A user token (<c>login</c> or <c>obo</c>) as the API lists it.</summary>
/// <param name="Scopes">Null: the token has its owner's full rights.</param>
public sealed record UserTokenItem(
    string Accessor, string Hint, string? Name, IReadOnlyList<string>? Scopes, string User, string Kind, string? IssuedBy,
    DateTime CreatedAt, DateTime ExpiresAt, bool Expired, DateTime? LastUsedAt, string? LastUsedIp, string? LastUsedUserAgent,
    CreatedByItem CreatedBy)
{
    public static UserTokenItem From(TokenView token) => new(
        token.Accessor, token.Hint, token.Name, token.Scopes?.Sorted, token.UserId, TokenKindNames.Of(token.Kind), token.IssuedById,
        token.CreatedAt, token.ExpiresAt, token.Expired, token.LastUsedAt, token.LastUsedAddress, token.LastUsedUserAgent,
        CreatedByItem.From(token.CreatedBy));
}

/// <summary>What made a token: <c>door</c> (<c>api</c>, <c>portal</c>, <c>cli</c>), <c>user</c> (the acting user's id) and, for
/// the API, the accessors of the request's <c>app_token</c> and user <c>token</c>. Null where unknown or not applicable.</summary>
public sealed record CreatedByItem(string? Door, string? User, string? AppToken, string? Token)
{
    public static CreatedByItem From(TokenOrigin origin) => new(
        origin.Door switch { Common.Door.Api => "api", Common.Door.Portal => "portal", Common.Door.Cli => "cli", _ => null },
        origin.UserId, origin.AppTokenAccessor, origin.TokenAccessor);
}

/// <summary><c>{"app_token": "..."}</c>, exactly as Enfix's API answers.</summary>
public sealed record AppTokenCreated(string AppToken);

/// <summary><c>{"token": "..."}</c>, exactly as Enfix's API answers (login and OBO).</summary>
public sealed record UserTokenCreated(string Token);

/// <summary>The fields a POST may send, all optional (for the OpenAPI document; the body is read field by field).</summary>
public sealed class CreateTokenBody
{
    /// <summary>An integer of any size, counted from now; -1 or less makes an expired token. Default: the configured lifetime.</summary>
    public long? SecondsUntilExpire { get; init; }
    public string? Name { get; init; }
    /// <summary>The owner's user id (24 hex); another user's needs the admin role. Default: the caller.</summary>
    public string? User { get; init; }
    /// <summary>Up to 50 scopes of <c>a-z 0-9 _ . : -</c> (1-100 characters each, no duplicates), within the request's own.
    /// Default: the request's scopes (none for an unscoped token pair: the owner's full rights).</summary>
    public string[]? Scopes { get; init; }
}

/// <summary>The body of <c>POST .../{id}/rotate</c>, optional.</summary>
public sealed class RotateTokenBody
{
    /// <summary>How long the replaced secret keeps working, in seconds: 0 (the default) ends it at once; at most
    /// <c>Enfix:Tokens:MaxRotationGrace</c> (7 days by default).</summary>
    public long? GraceSeconds { get; init; }
}

/// <summary>The fields a PATCH may send: at least one.</summary>
public sealed class ChangeTokenBody
{
    /// <summary>An integer of any size, counted from now; -1 or less expires the token at once (the record stays).</summary>
    public long? SecondsUntilExpire { get; init; }
    public string? Name { get; init; }
}

/// <summary>The answer to <c>POST .../bulk</c>: the tokens changed, as the collection lists them, and those left as they were.</summary>
public sealed record TokenBulkAnswer<TItem>(IReadOnlyList<TItem> Changed, IReadOnlyList<TokenBulkRefusal> Refused)
{
    public static TokenBulkAnswer<TItem> From(TokenBatch batch, Func<TokenView, TItem> toItem) =>
        new([.. batch.Changed.Select(toItem)], [.. batch.Refused.Select(r => new TokenBulkRefusal(r.Accessor, r.Name, r.Hint, r.Reason))]);
}

/// <summary>A token a bulk action left as it was; <c>name</c> and <c>hint</c> are null for one not found.</summary>
public sealed record TokenBulkRefusal(string Accessor, string? Name, string? Hint, string Reason);
