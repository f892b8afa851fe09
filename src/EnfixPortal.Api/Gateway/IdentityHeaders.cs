using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Gateway;

/// <summary>The headers a good forward-auth check answers with, for the proxy to pass to its upstream: who the pair speaks
/// for, the user token's kind, the app token's owner, the pair's scopes and the earlier of the two expiries. Made once per
/// pair (<see cref="PairAnswers{T}"/>). Every value is printable ASCII without CR or LF: usernames are limited to
/// <c>A-Z a-z 0-9 - . _ @ +</c> by the user rules, and any other character would be percent-encoded (UTF-8).</summary>
public sealed class IdentityHeaders
{
    public const string UserId = "Enfix-User-Id";
    public const string Username = "Enfix-Username";
    public const string Roles = "Enfix-Roles";
    public const string TokenKind = "Enfix-Token-Kind";
    public const string AppTokenOwner = "Enfix-App-Token-Owner";
    public const string Scopes = "Enfix-Scopes";
    public const string ExpiresAt = "Enfix-Token-Expires-At";

    /// <summary>The <see cref="Scopes"/> value of a pair without scopes: it may do all its user may (never a scope's name).</summary>
    public const string Unrestricted = "*";

    /// <summary>Each header with what it says, for the OpenAPI document.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Described =
    [
        (UserId, "The user the user token speaks for (24 hex characters)."),
        (Username, "Their username."),
        (Roles, "Their roles, comma-separated (`admin`, or empty)."),
        (TokenKind, "The user token's kind: `login` or `obo`."),
        (AppTokenOwner, "The user id of the app token's owner."),
        (Scopes, $"What the pair allows, space-separated; `{Unrestricted}` when neither token is scoped; empty when the two tokens' scopes have nothing in common."),
        (ExpiresAt, "The earlier expiry of the two tokens, ISO 8601 in UTC."),
    ];

    public static readonly IReadOnlyList<string> Names = [.. Described.Select(h => h.Name)];

    private readonly KeyValuePair<string, StringValues>[] _values;

    public IdentityHeaders(TokenPrincipal caller)
    {
        var expires = caller.AppToken.ExpiresAt < caller.UserToken.ExpiresAt ? caller.AppToken.ExpiresAt : caller.UserToken.ExpiresAt;
        _values =
        [
            new(UserId, Safe(caller.UserId)),
            new(Username, Safe(caller.UserName)),
            new(Roles, Safe(string.Join(",", caller.Roles))),
            new(TokenKind, TokenKindNames.Of(caller.UserToken.Kind)),
            new(AppTokenOwner, Safe(caller.AppToken.UserId)),
            new(Scopes, caller.EffectiveScopes is { } scopes ? scopes.Text : Unrestricted),
            new(ExpiresAt, ApiJson.Format(expires)),
        ];
    }

    public void WriteTo(IHeaderDictionary headers)
    {
        foreach (var (name, value) in _values) headers[name] = value;
    }

    /// <summary>The value itself when it is printable ASCII (space included), else its UTF-8 percent-encoded.</summary>
    public static string Safe(string value) => value.All(c => c is >= ' ' and <= '~') ? value : Uri.EscapeDataString(value);
}
