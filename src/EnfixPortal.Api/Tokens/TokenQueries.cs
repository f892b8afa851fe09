using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>Reads tokens for every door: one, or a page filtered, sorted and counted in SQL.</summary>
public sealed class TokenQueries(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPerPage = 500;
    /// <summary>What a grid counts up to before it says "more than": counting further costs more than the page.</summary>
    public const int GridCountLimit = 10_000;

    public async Task<ServiceResult<TokenView>> GetAsync(Actor actor, TokenFamily family, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await TokenLookup.FindVisibleAsync(db.Tokens.AsNoTracking().Include(t => t.User), actor, family, id, ct);
        if (found.Error is { } missing) return missing;
        return TokenMapping.ToView(found.Value!, found.Value!.User?.UserName, Now);
    }

    public async Task<ServiceResult<Page<TokenView>>> ListAsync(Actor actor, TokenQuery query, CancellationToken ct = default)
    {
        if (query.Page < 1) return ServiceError.Validation("page", "page must be 1 or more.");
        if (query.PerPage is < 1 or > MaxPerPage) return ServiceError.Validation("per_page", $"per_page must be between 1 and {MaxPerPage}.");
        if (query.UserId is not null && !ObjectIds.IsWellFormed(query.UserId))
            return ServiceError.Validation("user", TokenService.MalformedUserId);
        if (query.UserId is not null && !actor.MayActFor(query.UserId))
            return ServiceError.Forbidden("Only an administrator may list another user's tokens.");
        if (query.Scope is not null && !TokenScopes.IsWellFormed(query.Scope))
            return ServiceError.Validation("scope", $"scope must be 1 to {TokenScopes.MaxLength} characters of a-z 0-9 _ . : -, such as orders:read.");
        if (query.Kind == TokenKind.App && query.Family == TokenFamily.User)
            return ServiceError.Validation("kind", "kind must be login or obo.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var tokens = Filter(db, actor, query, now);
        var manyMatches = false;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var search = await TokenTextSearch.CreateAsync(db, query.Text.Trim(), ct);
            manyMatches = await search.MatchesManyAsync(tokens, ct);
            tokens = search.Apply(tokens, manyMatches);
        }
        // Counting a million rows costs more than the page itself; a grid may stop at a limit and say "more than".
        // A search already known to match more than the limit is not counted again.
        var total = query.CountLimit is not { } limit ? await tokens.CountAsync(ct)
            : manyMatches && limit <= TokenTextSearch.ManyMatches ? limit + 1 : await tokens.Take(limit + 1).CountAsync(ct);
        var rows = await PageOf(tokens, query).Select(t => new { Token = t, UserName = t.User!.UserName }).ToListAsync(ct);
        return Page<TokenView>.Read(rows.ConvertAll(r => TokenMapping.ToView(r.Token, r.UserName, now)), total, query.Page, query.PerPage, query.CountLimit);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The page's rows and one more, whose presence says that a next page exists (past a count limit, the total cannot).</summary>
    internal static IQueryable<Token> PageOf(IQueryable<Token> filtered, TokenQuery query) =>
        Sort(filtered, query).Skip((query.Page - 1) * query.PerPage).Take(query.PerPage + 1);

    /// <summary>Every filter but the text, which <see cref="TokenTextSearch"/> applies.</summary>
    internal static IQueryable<Token> Filter(EnfixDbContext db, Actor actor, TokenQuery query, DateTime now)
    {
        var tokens = db.Tokens.AsNoTracking();
        // A kind implies its family; naming both would keep SQLite from counting on the kind's index alone.
        tokens = query.Kind is { } kind ? tokens.Where(t => t.Kind == kind) : tokens.OfFamily(query.Family);
        var userId = actor.IsAdmin ? query.UserId : actor.UserId;
        if (userId is not null) tokens = tokens.Where(t => t.UserId == userId);
        // Scopes are stored space-separated, so " scope " inside " stored " is an exact match of one of them.
        if (query.Scope is { } scope)
        {
            var padded = $" {scope} ";
            tokens = tokens.Where(t => t.Scopes != null && (" " + t.Scopes + " ").Contains(padded));
        }
        tokens = query.Status switch
        {
            TokenStatus.Active => tokens.Where(t => t.ExpiresAt > now),
            TokenStatus.Expired => tokens.Where(t => t.ExpiresAt <= now),
            _ => tokens,
        };
        return tokens.Needing(query.Attention, now);
    }

    private static IOrderedQueryable<Token> Sort(IQueryable<Token> tokens, TokenQuery query) => (query.Sort, query.Descending) switch
    {
        (TokenSort.ExpiresAt, false) => tokens.OrderBy(t => t.ExpiresAt).ThenBy(t => t.Id),
        (TokenSort.ExpiresAt, true) => tokens.OrderByDescending(t => t.ExpiresAt).ThenByDescending(t => t.Id),
        // Nullable columns: "none" sorts first ascending, last descending, on every engine (PostgreSQL's default is the reverse).
        (TokenSort.LastUsedAt, false) => tokens.OrderBy(t => t.LastUsedAt != null).ThenBy(t => t.LastUsedAt).ThenBy(t => t.Id),
        (TokenSort.LastUsedAt, true) => tokens.OrderByDescending(t => t.LastUsedAt != null).ThenByDescending(t => t.LastUsedAt).ThenByDescending(t => t.Id),
        (TokenSort.Name, false) => tokens.OrderBy(t => t.Name != null).ThenBy(t => t.Name).ThenBy(t => t.Id),
        (TokenSort.Name, true) => tokens.OrderByDescending(t => t.Name != null).ThenByDescending(t => t.Name).ThenByDescending(t => t.Id),
        (_, false) => tokens.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
    };
}
