using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Tokens;

/// <summary>Who a valid (app token, user token) pair speaks for: the user token's owner and the two tokens, as the
/// validation cache holds them. <paramref name="AppOwner"/> is the app token's owner (often another user than the user token's).</summary>
public sealed record TokenPrincipal(CachedUser Owner, CachedToken AppToken, CachedToken UserToken, CachedUser AppOwner)
{
    public string UserId => Owner.UserId;
    public string UserName => Owner.UserName;
    public IReadOnlyList<string> Roles => Owner.Roles;
    public bool IsAdmin => Roles.Contains(Model.Roles.Admin);

    /// <summary>What the pair may do: the scopes both tokens allow (an unscoped token allows everything), null when neither
    /// token is scoped. Roles still apply on top: a scope never lets a user do what their roles do not. Free when warm.</summary>
    public ScopeSet? EffectiveScopes => UserToken.ScopesWith(AppToken);

    /// <summary>Whether the pair carries <paramref name="scope"/>: true for an unscoped pair, else when both tokens list it.
    /// The one check every door uses for a required scope.</summary>
    public bool Allows(string scope) => EffectiveScopes.Allows(scope);

    /// <summary>The earlier expiry of the two tokens: when this pair stops working.</summary>
    public CachedToken EndsFirst => AppToken.ExpiresAt <= UserToken.ExpiresAt ? AppToken : UserToken;
}
