using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Tokens;

internal static class TokenMapping
{
    public static TokenView ToView(Token token, string? userName, DateTime now) => new(
        token.Accessor, token.Hint, token.Name, token.Kind, token.UserId, userName, token.IssuedById,
        token.CreatedAt, token.ExpiresAt, token.ExpiresAt <= now, token.LastUsedAt,
        new TokenOrigin(token.CreatedVia, token.CreatedByUserId, token.CreatedByAppTokenAccessor, token.CreatedByTokenAccessor),
        ScopeSet.FromStored(token.Scopes), token.LastUsedAddress, token.LastUsedUserAgent);
}
