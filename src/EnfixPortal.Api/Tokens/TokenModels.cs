using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using System.Numerics;

namespace EnfixPortal.Api.Tokens;

public enum TokenStatus { Any, Active, Expired }

public enum TokenSort { CreatedAt, ExpiresAt, LastUsedAt, Name }

/// <param name="Scopes">The new token's scopes; null (not given) means the creating request's own (<see cref="TokenScopes.Resolve"/>).</param>
/// <param name="Unreadable">What a door could not read from the client's request (a field of the wrong type, one that may
/// not be set); refused after the permission check, which comes first whatever else is wrong.</param>
public sealed record CreateTokenRequest(string? UserId = null, string? Name = null, BigInteger? SecondsUntilExpire = null,
    IReadOnlyList<string>? Scopes = null, ServiceError? Unreadable = null);

/// <param name="Unreadable">What a door could not read from the request; refused once the token is known to exist, as
/// <see cref="CreateTokenRequest.Unreadable"/> is after the permission check.</param>
public sealed record ChangeTokenRequest(BigInteger? SecondsUntilExpire = null, string? Name = null, bool SetName = false,
    ServiceError? Unreadable = null);

/// <summary>What a change to one or many tokens did: the tokens it changed (as they are now, or were when deleted), and
/// the ones it left as they were, each with the reason, in the order they were named.</summary>
public sealed record TokenBatch(IReadOnlyList<TokenView> Changed, IReadOnlyList<TokenRefusal> Refused)
{
    /// <summary>At most this many tokens in one call.</summary>
    public const int MaxSize = 500;
    public const string Field = "accessors";

    /// <summary>The outcome for a list of one token: the token, or why it was left (a missing one: not found).</summary>
    public static ServiceResult<TokenView> Single(ServiceResult<TokenBatch> batch) =>
        batch.Error is { } refused ? refused : batch.Value!.Refused.Count > 0 ? batch.Value.Refused[0].Error : batch.Value.Changed[0];
}

/// <summary>A token a change left as it was; <see cref="Name"/> and <see cref="Hint"/> are null when it was not found.</summary>
public sealed record TokenRefusal(string Accessor, string? Name, string? Hint, ServiceError Error)
{
    public string Reason => Error.Describe();
}

public sealed record RotateTokenRequest(BigInteger? GraceSeconds = null);

/// <summary>The plaintext is here and nowhere else, once.</summary>
public sealed record CreatedToken(string Secret, TokenView Token);

/// <param name="LastUsedAddress">The client address of the last use (null when unused or unknown).</param>
/// <param name="LastUsedUserAgent">The User-Agent of the last use, cut to <see cref="TokenClient.MaxUserAgentLength"/>.</param>
public sealed record TokenView(
    string Accessor, string Hint, string? Name, TokenKind Kind, string UserId, string? UserName, string? IssuedById,
    DateTime CreatedAt, DateTime ExpiresAt, bool Expired, DateTime? LastUsedAt, TokenOrigin CreatedBy, ScopeSet? Scopes,
    string? LastUsedAddress = null, string? LastUsedUserAgent = null);

/// <summary>What created a token: the door, the acting user and, through the API, the request's token pair.
/// All null for tokens made before this was recorded.</summary>
public sealed record TokenOrigin(Door? Door, string? UserId, string? AppTokenAccessor, string? TokenAccessor);

/// <param name="Scope">Only tokens that list this scope (unscoped tokens, which list none, are left out).</param>
public sealed record TokenQuery(
    TokenFamily Family,
    string? UserId = null,
    TokenKind? Kind = null,
    TokenStatus Status = TokenStatus.Any,
    string? Text = null,
    TokenSort Sort = TokenSort.CreatedAt,
    bool Descending = true,
    int Page = 1,
    int PerPage = 50,
    int? CountLimit = null,
    string? Scope = null,
    TokenAttention Attention = TokenAttention.None);

