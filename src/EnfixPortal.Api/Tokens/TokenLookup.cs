using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>Finds a token by its secret or accessor. A token the actor may not see is reported exactly like a missing one.</summary>
internal static class TokenLookup
{
    public static IQueryable<Token> OfFamily(this IQueryable<Token> tokens, TokenFamily family) =>
        tokens.Where(t => t.Family == family);

    public static async Task<ServiceResult<Token>> FindVisibleAsync(IQueryable<Token> tokens, Actor actor, TokenFamily family, string id, CancellationToken ct)
    {
        var token = Matching(tokens, id) is { } match ? await match.OfFamily(family).SingleOrDefaultAsync(ct) : null;
        if (token is null || !actor.MayActFor(token.UserId)) return NotFound(family);
        return token;
    }

    /// <summary>The tokens an id names: the token whose secret it is, or whose accessor it is; null for an id that is neither.</summary>
    public static IQueryable<Token>? Matching(IQueryable<Token> tokens, string id)
    {
        if (TokenSecrets.LooksLikeSecret(id))
        {
            var hash = TokenSecrets.Hash(id);
            return tokens.Where(t => t.SecretHash == hash);
        }
        return TokenSecrets.LooksLikeAccessor(id) ? tokens.Where(t => t.Accessor == id) : null;
    }

    public static ServiceError NotFound(TokenFamily family) =>
        ServiceError.NotFound("id", family == TokenFamily.App ? "No app token has this ID." : "No token has this ID.");
}
