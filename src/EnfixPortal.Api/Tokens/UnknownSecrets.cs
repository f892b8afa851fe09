using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>Hashes of well-formed secrets that the database did not know, so a client repeating an unknown token (a
/// flood of them) costs a dictionary lookup instead of a database read each. Bounded (<c>ValidationCacheSize</c>: full,
/// it starts over) and in age (<c>ValidationCacheLifetime</c>). Needs no news from other nodes: a secret becomes known
/// only when the server creates a token, from 128 random bits — a hash here is one nobody was given — and an entry
/// ends with the cache's lifetime in any case.</summary>
public sealed class UnknownSecrets(IOptionsMonitor<TokenSettings> settings)
{
    private readonly ConcurrentDictionary<HashKey, DateTime> _unknown = new();

    public bool IsKnownUnknown(HashKey key, DateTime now) =>
        _unknown.TryGetValue(key, out var seenAt) && now - seenAt < settings.CurrentValue.ValidationCacheLifetime;

    public void Remember(HashKey key, DateTime now)
    {
        if (_unknown.Count >= settings.CurrentValue.ValidationCacheSize) _unknown.Clear();
        _unknown[key] = now;
    }
}
