using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using System.Linq.Expressions;

namespace EnfixPortal.Api.Tokens;

/// <summary>A grid's text search. The whole token finds it by hash. Otherwise a token matches when the text appears
/// anywhere in its name or its owner's username (any case), is its hint, or starts its accessor. Names are searched
/// through a trigram index (SQLite FTS5, PostgreSQL pg_trgm), which needs 3 characters: 1 or 2 characters match the
/// start of a name or username instead. A search that matches few tokens reads them through the indexes and sorts
/// them; one that matches many reads the grid's own order and tests each token, as the first page is then near.</summary>
internal sealed class TokenTextSearch
{
    public const int SubstringMinLength = 3;
    /// <summary>More than this many matches by name or by owner, and a search reads in the grid's order instead of
    /// sorting them. A grid counts no further (<see cref="TokenQueries.GridCountLimit"/>).</summary>
    public const int ManyMatches = TokenQueries.GridCountLimit;

    private readonly EnfixDbContext _db;
    private readonly string _key;
    private readonly bool _short;
    private readonly List<string> _owners;

    private TokenTextSearch(EnfixDbContext db, string key, List<string> owners) =>
        (_db, _key, _short, _owners) = (db, key, key.Length < SubstringMinLength, owners);

    /// <summary>Reads the IDs of the users whose username contains the text (or starts with it, for short text) first:
    /// as a list, their tokens are index ranges on every engine, where a subquery could make PostgreSQL scan.</summary>
    public static async Task<TokenTextSearch> CreateAsync(EnfixDbContext db, string text, CancellationToken ct = default)
    {
        var upper = text.ToUpperInvariant();
        var pattern = Containing(upper);
        var owners = TokenSecrets.LooksLikeSecret(text.ToLowerInvariant()) ? []
            : text.Length < SubstringMinLength ? await db.Users.Where(u => u.NormalizedUserName!.StartsWith(upper)).Select(u => u.Id).ToListAsync(ct)
            : await db.Users.Where(u => EF.Functions.Like(u.NormalizedUserName!, pattern, Escape)).Select(u => u.Id).ToListAsync(ct);
        return new TokenTextSearch(db, text.ToLowerInvariant(), owners);
    }

    /// <summary>Whether, among <paramref name="tokens"/>, the text matches more than <see cref="ManyMatches"/> names
    /// or more than that many tokens of matching owners. Each is counted through an index, up to that limit.</summary>
    public async Task<bool> MatchesManyAsync(IQueryable<Token> tokens, CancellationToken ct)
    {
        if (TokenSecrets.LooksLikeSecret(_key)) return false;
        // SQLite: joined to the trigram index's IDs as they come, rather than testing each token against a list of all of them.
        var names = _short || _db.Database.IsNpgsql() ? tokens.Where(IndexedName()).Select(t => t.Id)
            : TrigramIds().Join(tokens, id => id, t => t.Id, (id, _) => id);
        var owners = _owners;
        return await names.Take(ManyMatches + 1).CountAsync(ct) > ManyMatches
            || await tokens.Where(t => owners.Contains(t.UserId)).Take(ManyMatches + 1).CountAsync(ct) > ManyMatches;
    }

    /// <param name="many">From <see cref="MatchesManyAsync"/>. Many matches: each token in the grid's order is tested
    /// (no index serves the name's test), as the first page is then near. Few: the matches, each set read through an
    /// index, are sorted.</param>
    public IQueryable<Token> Apply(IQueryable<Token> tokens, bool many)
    {
        if (TokenSecrets.LooksLikeSecret(_key))
        {
            var hash = TokenSecrets.Hash(_key);
            return tokens.Where(t => t.SecretHash == hash);
        }
        var (key, above, owners) = (_key, PrefixUpperBound(_key), _owners);
        Expression<Func<Token, bool>> hintOrAccessor = t => t.Hint == key || (string.Compare(t.Accessor, key) >= 0 && string.Compare(t.Accessor, above) < 0);
        if (many)
        {
            Expression<Func<Token, bool>> name = _short ? t => t.NameKey!.StartsWith(key) : t => t.NameKey!.Contains(key);
            Expression<Func<Token, bool>> owned = t => owners.Contains(t.UserId);
            return tokens.Where(Or(Or(name, owned), hintOrAccessor));
        }
        return tokens.Where(IndexedName()).Union(tokens.Where(t => owners.Contains(t.UserId))).Union(tokens.Where(hintOrAccessor));
    }

    /// <summary>A name containing the text (or, for short text, starting with it), as a test an index serves.</summary>
    private Expression<Func<Token, bool>> IndexedName()
    {
        var (key, above) = (_key, PrefixUpperBound(_key));
        if (_short) return t => string.Compare(t.NameKey, key) >= 0 && string.Compare(t.NameKey, above) < 0;
        if (_db.Database.IsNpgsql())
        {
            var pattern = Containing(key);
            return t => EF.Functions.Like(t.NameKey!, pattern, Escape);
        }
        var named = TrigramIds();
        return t => named.Contains(t.Id);
    }

    /// <summary>SQLite: the IDs of the named tokens whose name contains the text, from the FTS5 trigram index.</summary>
    private IQueryable<long> TrigramIds() =>
        _db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "TokenNameSearch" WHERE "TokenNameSearch" MATCH {Phrase(_key)}""");

    private const string Escape = "\\";

    /// <summary>A LIKE pattern for the text anywhere, its own wildcards taken literally.</summary>
    private static string Containing(string text) =>
        "%" + text.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_") + "%";

    /// <summary>An FTS5 phrase: the text as one quoted string, so that its punctuation is never query syntax.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>The least string above every string that starts with <paramref name="prefix"/>.</summary>
    private static string PrefixUpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static Expression<Func<Token, bool>> Or(Expression<Func<Token, bool>> left, Expression<Func<Token, bool>> right)
    {
        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Token, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
