using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Model;

/// <summary>App tokens and user tokens (login and OBO) are two resources over one table.</summary>
public enum TokenFamily { App, User }

public enum TokenKind { App = 0, Login = 1, Obo = 2 }

/// <summary>A kind as answers name it: <c>app</c>, <c>login</c> or <c>obo</c>.</summary>
public static class TokenKindNames
{
    public static string Of(TokenKind kind) => kind switch { TokenKind.App => "app", TokenKind.Login => "login", _ => "obo" };
}

/// <summary>An app token or a user token. Only the SHA-256 of the secret is kept; the accessor names it everywhere else.</summary>
public sealed class Token
{
    private string? _name;

    public long Id { get; set; }
    public required string Accessor { get; set; }
    public required byte[] SecretHash { get; set; }
    public required string Hint { get; set; }
    public TokenKind Kind { get; set; }
    /// <summary>Stored beside <see cref="Kind"/> so that "all user tokens, newest first" is one index range.</summary>
    public TokenFamily Family { get; set; }
    public string? Name
    {
        get => _name;
        set => (_name, NameKey) = (value, value?.ToLowerInvariant());
    }
    /// <summary>The name in lower case, indexed, so that a grid's text search is an index range, not a scan.</summary>
    public string? NameKey { get; private set; }
    public required string UserId { get; set; }
    public EnfixUser? User { get; set; }
    public string? IssuedById { get; set; }
    /// <summary>For login tokens: the accessor of the app token presented at login (audit only).</summary>
    public string? LoginAppTokenAccessor { get; set; }
    /// <summary>The door the creating request came through; null for tokens made before this was recorded.</summary>
    public Door? CreatedVia { get; set; }
    /// <summary>The user whose request created the token (for a login token: the user who signed in).</summary>
    public string? CreatedByUserId { get; set; }
    /// <summary>The app token of the creating API request (for a login token: the one presented at login).</summary>
    public string? CreatedByAppTokenAccessor { get; set; }
    /// <summary>The user token of the creating API request: the token's parent, which it never outlives when its
    /// creator is not an administrator. Null for login tokens and for tokens made in the portal or the CLI.</summary>
    public string? CreatedByTokenAccessor { get; set; }
    /// <summary>The token's scopes, space-separated in order: null for a token with its owner's full rights, "" for one with
    /// no scopes (<see cref="ScopeSet.FromStored"/>).</summary>
    public string? Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    /// <summary>The client address of the use at <see cref="LastUsedAt"/> (behind a trusted proxy, the client it names).</summary>
    public string? LastUsedAddress { get; set; }
    /// <summary>The User-Agent of the use at <see cref="LastUsedAt"/>, cut to <see cref="Tokens.TokenClient.MaxUserAgentLength"/>.</summary>
    public string? LastUsedUserAgent { get; set; }
    /// <summary>After a rotation with a grace period: the hash of the secret it replaced, which keeps working until
    /// <see cref="PreviousSecretEndsAt"/> (or the token's own expiry, if sooner). Null otherwise.</summary>
    public byte[]? PreviousSecretHash { get; set; }
    public DateTime? PreviousSecretEndsAt { get; set; }

    public static TokenFamily FamilyOf(TokenKind kind) => kind == TokenKind.App ? TokenFamily.App : TokenFamily.User;
}
