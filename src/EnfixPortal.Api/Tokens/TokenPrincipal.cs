namespace EnfixPortal.Api.Tokens;

/// <summary>Who a valid (app token, user token) pair speaks for: the user token's owner.</summary>
public sealed record TokenPrincipal(
    string UserId, string UserName, IReadOnlyList<string> Roles,
    string AppTokenAccessor, DateTime AppTokenExpiresAt,
    string UserTokenAccessor, TokenKind UserTokenKind, DateTime UserTokenExpiresAt)
{
    public bool IsAdmin => Roles.Contains(Users.Roles.Admin);
}
