namespace EnfixPortal.Api.Tokens;

/// <summary>Who a valid (app token, user token) pair speaks for: the user token's owner and the two tokens, as the
/// validation cache holds them (the same instances for every request until one of them changes, when the cache drops
/// and reloads it).</summary>
public sealed record TokenPrincipal(CachedUser Owner, CachedToken AppToken, CachedToken UserToken)
{
    public string UserId => Owner.UserId;
    public string UserName => Owner.UserName;
    public IReadOnlyList<string> Roles => Owner.Roles;
    public bool IsAdmin => Roles.Contains(Users.Roles.Admin);

    /// <summary>The earlier expiry of the two tokens: when this pair stops working.</summary>
    public CachedToken EndsFirst => AppToken.ExpiresAt <= UserToken.ExpiresAt ? AppToken : UserToken;
}
