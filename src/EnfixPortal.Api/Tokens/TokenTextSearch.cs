using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>A grid's text search. The whole token finds it by hash. Otherwise a token matches when the text appears
/// anywhere in its name or its owner's username (any case), is its hint, or starts its accessor. Names are searched
/// through a trigram index (SQLite FTS5, PostgreSQL pg_trgm), owners through the users' names; both need 3 characters,
/// so 1 or 2 characters match the start of a name, username or accessor instead, each an index range.</summary>
internal static class TokenTextSearch
{
    public const int SubstringMinLength = 3;

    public static IQueryable<Token> Matching(EnfixDbContext db, IQueryable<Token> tokens, string text)
    {
        if (TokenSecrets.LooksLikeSecret(text))
        {
            var hash = TokenSecrets.Hash(text);
            return tokens.Where(t => t.SecretHash == hash);
        }
        var key = text.ToLowerInvariant();
        var upper = text.ToUpperInvariant();
        var above = PrefixUpperBound(key);
        if (key.Length < SubstringMinLength)
        {
            var startingOwners = db.Users.Where(u => u.NormalizedUserName!.StartsWith(upper)).Select(u => u.Id);
            return tokens.Where(t => (string.Compare(t.NameKey, key) >= 0 && string.Compare(t.NameKey, above) < 0)
                || startingOwners.Contains(t.UserId)
                || (string.Compare(t.Accessor, key) >= 0 && string.Compare(t.Accessor, above) < 0));
        }
        var owners = db.Users.Where(u => EF.Functions.Like(u.NormalizedUserName!, Containing(upper), Escape)).Select(u => u.Id);
        var named = NamesContaining(db, key);
        return tokens.Where(t => named.Contains(t.Id) || owners.Contains(t.UserId)
            || t.Hint == key || (string.Compare(t.Accessor, key) >= 0 && string.Compare(t.Accessor, above) < 0));
    }

    /// <summary>The IDs of the tokens whose name contains the text, read from the engine's trigram index.</summary>
    private static IQueryable<long> NamesContaining(EnfixDbContext db, string key) => db.Database.IsNpgsql()
        ? db.Tokens.Where(t => EF.Functions.Like(t.NameKey!, Containing(key), Escape)).Select(t => t.Id)
        : db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "TokenNameSearch" WHERE "TokenNameSearch" MATCH {Phrase(key)}""");

    private const string Escape = "\\";

    /// <summary>A LIKE pattern for the text anywhere, its own wildcards taken literally.</summary>
    private static string Containing(string text) =>
        "%" + text.Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_") + "%";

    /// <summary>An FTS5 phrase: the text as one quoted string, so that its punctuation is never query syntax.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>The least string above every string that starts with <paramref name="prefix"/>.</summary>
    private static string PrefixUpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
