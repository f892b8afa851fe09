using System.Collections.Frozen;

namespace EnfixPortal.Api.Common;

/// <summary>The scopes a token carries: a fixed, sorted set. Everywhere a <c>ScopeSet?</c> appears, null means unrestricted
/// (a token created without scopes has its owner's full rights), while an empty set allows nothing but what every token may do.</summary>
public sealed class ScopeSet
{
    private readonly FrozenSet<string> _set;

    private ScopeSet(IEnumerable<string> scopes)
    {
        _set = scopes.ToFrozenSet(StringComparer.Ordinal);
        Sorted = [.. _set.Order(StringComparer.Ordinal)];
        Text = string.Join(' ', Sorted);
    }

    public static readonly ScopeSet Empty = new([]);

    /// <summary>The scopes in ordinal order.</summary>
    public IReadOnlyList<string> Sorted { get; }

    /// <summary>Space-separated, in order (the OAuth <c>scope</c> form, and how the database stores them).</summary>
    public string Text { get; }

    public int Count => Sorted.Count;

    public bool Contains(string scope) => _set.Contains(scope);

    /// <summary>Scopes already checked by <c>TokenScopes.Parse</c> (or read back from the database).</summary>
    internal static ScopeSet Of(IEnumerable<string> scopes) => new(scopes);

    /// <summary>The stored column: null for an unrestricted token, "" for one with no scopes.</summary>
    public static ScopeSet? FromStored(string? stored) =>
        stored is null ? null : stored.Length == 0 ? Empty : new(stored.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public ScopeSet Intersect(ScopeSet other) =>
        ReferenceEquals(this, other) ? this : new(_set.Where(other.Contains));

    public IEnumerable<string> Except(ScopeSet? allowed) => allowed is null ? [] : Sorted.Where(s => !allowed.Contains(s));

    public override string ToString() => Text;
}

public static class ScopeSetExtensions
{
    /// <summary>Whether <paramref name="scopes"/> (null: unrestricted) allows <paramref name="scope"/>.</summary>
    public static bool Allows(this ScopeSet? scopes, string scope) => scopes is null || scopes.Contains(scope);

    /// <summary>What both allow: null only when both are unrestricted.</summary>
    public static ScopeSet? Intersect(this ScopeSet? first, ScopeSet? second) =>
        first is null ? second : second is null ? first : first.Intersect(second);
}
