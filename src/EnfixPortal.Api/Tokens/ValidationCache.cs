using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using Microsoft.Extensions.Options;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace EnfixPortal.Api.Tokens;

/// <summary>What the validator remembers about tokens (keyed by the secret's hash, never the secret) and their users.
/// Bounded in size and in age; emptied of a token or user the moment the service layer reports a change to it.</summary>
public sealed class ValidationCache
{
    private readonly ConcurrentDictionary<HashKey, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<string, CachedUser> _users = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<TokenSettings> _settings;
    private TimeSpan _lifetime;
    private long _generation;
    private int _tokenCount;

    public ValidationCache(TokenRevocations revocations, IOptionsMonitor<TokenSettings> settings)
    {
        _settings = settings;
        _lifetime = settings.CurrentValue.ValidationCacheLifetime;
        settings.OnChange(changed => _lifetime = changed.ValidationCacheLifetime);
        revocations.TokenChanged += hash => Forget(HashKey.From(hash));
        revocations.UserChanged += ForgetUser;
    }

    /// <summary>Read before loading from the database; <see cref="Remember"/> is refused if anything was forgotten since,
    /// so a load racing with a revocation never puts back what the revocation removed.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => Volatile.Read(ref _tokenCount);

    /// <summary>The token remembered under <paramref name="key"/> if it is still fresh at <paramref name="now"/>.</summary>
    public CachedToken? Token(HashKey key, DateTime now) => _tokens.TryGetValue(key, out var token) && Fresh(token.LoadedAt, now) ? token : null;

    public CachedUser? User(string userId, DateTime now) => _users.TryGetValue(userId, out var user) && Fresh(user.LoadedAt, now) ? user : null;

    public void Remember(HashKey key, CachedToken token, CachedUser user, long generation)
    {
        if (generation != Generation) return;
        if (Count >= _settings.CurrentValue.ValidationCacheSize) Trim();
        if (_tokens.TryAdd(key, token)) Interlocked.Increment(ref _tokenCount);
        else _tokens[key] = token;
        RememberUser(user, generation);
        if (generation != Generation) Forget(key);
    }

    public void RememberUser(CachedUser user, long generation)
    {
        if (generation != Generation) return;
        _users[user.UserId] = user;
        if (generation != Generation) _users.TryRemove(user.UserId, out _);
    }

    public void Forget(HashKey key)
    {
        Interlocked.Increment(ref _generation);
        if (_tokens.TryRemove(key, out _)) Interlocked.Decrement(ref _tokenCount);
    }

    /// <summary>Forgets a user and every token of theirs: a user-wide change (deactivation, "revoke all", a password
    /// reset) may have changed the tokens' expiry too. Rare, so a scan is fine.</summary>
    public void ForgetUser(string userId)
    {
        Interlocked.Increment(ref _generation);
        _users.TryRemove(userId, out _);
        foreach (var (key, token) in _tokens)
            if (token.UserId == userId && _tokens.TryRemove(key, out _)) Interlocked.Decrement(ref _tokenCount);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _tokens.Clear();
        _users.Clear();
        Interlocked.Exchange(ref _tokenCount, 0);
    }

    private bool Fresh(DateTime loadedAt, DateTime now) => now - loadedAt < _lifetime;

    /// <summary>Over the bound: drop a quarter of the entries (whichever the dictionary yields first) and the users
    /// nobody refers to any more. Rare, and cheaper than tracking recency on every hit.</summary>
    private void Trim()
    {
        var drop = Math.Max(1, Count / 4);
        foreach (var key in _tokens.Keys.Take(drop))
            if (_tokens.TryRemove(key, out _)) Interlocked.Decrement(ref _tokenCount);
        if (_users.Count > Count)
        {
            var referenced = _tokens.Values.Select(t => t.UserId).ToHashSet(StringComparer.Ordinal);
            foreach (var userId in _users.Keys.Where(id => !referenced.Contains(id)))
                _users.TryRemove(userId, out _);
        }
    }
}

/// <summary>A SHA-256 as four words: a dictionary key that needs no allocation.</summary>
public readonly record struct HashKey(ulong A, ulong B, ulong C, ulong D)
{
    public static HashKey From(ReadOnlySpan<byte> sha256)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(sha256);
        return new HashKey(words[0], words[1], words[2], words[3]);
    }

    /// <summary>The SHA-256 again, as the database stores it.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[32];
        var words = MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan());
        (words[0], words[1], words[2], words[3]) = (A, B, C, D);
        return bytes;
    }
}

/// <summary>A token as the validator remembers it. <see cref="ExpiresAt"/> is when this secret stops working: the token's
/// expiry, or the end of a rotation's grace period for the secret a rotation replaced. An entry never changes: a new
/// expiry, a rotation, a revocation or a deletion drops it, and the next check loads a new one. What is derived from it is
/// kept on it (<see cref="Memo"/>, the fields below) and goes with it.</summary>
/// <param name="Scopes">Null: the token has its owner's full rights.</param>
public sealed record CachedToken(string Accessor, TokenKind Kind, DateTime ExpiresAt, string UserId, DateTime LoadedAt, ScopeSet? Scopes)
{
    public EntryMemo Memo { get; } = new();
    private LastPair? _lastPair;
    private string? _expiresAtText;

    /// <summary><see cref="ExpiresAt"/> in ISO 8601 UTC to the second, formatted once per cache entry for every answer's header.</summary>
    public string ExpiresAtText => _expiresAtText ??= ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What this user token and <paramref name="appToken"/> both allow. Remembered for the last app token it was
    /// used with (the same instance every request while both stay cached), so a warm request intersects nothing.</summary>
    public ScopeSet? ScopesWith(CachedToken appToken)
    {
        if (Scopes is null) return appToken.Scopes;
        if (appToken.Scopes is null) return Scopes;
        if (Volatile.Read(ref _lastPair) is { } last && ReferenceEquals(last.AppToken, appToken)) return last.Scopes;
        var both = Scopes.Intersect(appToken.Scopes);
        Volatile.Write(ref _lastPair, new LastPair(appToken, both));
        return both;
    }

    private sealed record LastPair(CachedToken AppToken, ScopeSet Scopes);
}

/// <summary>A user as the validator remembers them. An entry never changes: any change to the user drops it, and the next
/// check loads a new one; what is derived from it is kept on it (<see cref="Memo"/>) and goes with it.</summary>
public sealed record CachedUser(string UserId, string UserName, bool Active, IReadOnlyList<string> Roles, DateTime LoadedAt)
{
    public EntryMemo Memo { get; } = new();
}
