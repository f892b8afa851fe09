using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>Finds a token by its secret or accessor. A token the actor may not see is reported exactly like a missing one.</summary>
internal static class TokenLookup
{
    public static IQueryable<Token> OfFamily(this IQueryable<Token> tokens, TokenFamily family) =>
        tokens.Where(t => t.Family == family);

    public static async Task<ServiceResult<Token>> FindVisibleAsync(IQueryable<Token> tokens, Actor actor, TokenFamily family, string id, CancellationToken ct)
    {
        IQueryable<Token>? match = null;
        if (TokenSecrets.LooksLikeSecret(id))
        {
            var hash = TokenSecrets.Hash(id);
            match = tokens.Where(t => t.SecretHash == hash);
        }
        else if (TokenSecrets.LooksLikeAccessor(id))
            match = tokens.Where(t => t.Accessor == id);
        var token = match is null ? null : await match.OfFamily(family).SingleOrDefaultAsync(ct);
        if (token is null || !actor.MayActFor(token.UserId)) return NotFound(family);
        return token;
    }

    public static ServiceError NotFound(TokenFamily family) =>
        ServiceError.NotFound("id", family == TokenFamily.App ? "No app token has this ID." : "No token has this ID.");

    /// <summary>Saves a change to a token loaded earlier; false (nothing saved, audit included) when a request running
    /// at the same moment deleted it first, which its caller answers as not found rather than as a server error.</summary>
    public static async Task<bool> SaveUnlessGoneAsync(DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ConcurrentWrite.RowGone(ex))
        {
            return false;
        }
    }
}
