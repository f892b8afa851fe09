namespace EnfixPortal.Api.Tokens;

/// <summary>Who a valid (app token, user token) pair speaks for: the user token's owner, as the validation cache holds
/// them (the same <see cref="CachedUser"/> instance for every request until the user changes).</summary>
public sealed record TokenPrincipal(
    CachedUser Owner, string AppTokenAccessor, DateTime AppTokenExpiresAt,
    string UserTokenAccessor, TokenKind UserTokenKind, DateTime UserTokenExpiresAt)
{
    public string UserId => Owner.UserId;
    public string UserName => Owner.UserName;
    public IReadOnlyList<string> Roles => Owner.Roles;
    public bool IsAdmin => Roles.Contains(Users.Roles.Admin);
}
