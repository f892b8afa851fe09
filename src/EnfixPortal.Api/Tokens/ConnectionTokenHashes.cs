using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EnfixPortal.Api.Tokens;

/// <summary>The cache keys of the token pair one HTTP/1.x connection sent last. A client that keeps its connection open
/// sends the same pair on every request; its secrets are then compared (in constant time) instead of hashed again, which
/// saves the two SHA-256 calls that were the largest part of a warm check. Only the hashing is skipped: every request still
/// reads the validation cache, so a revocation takes effect on the next request as before. Kept in the connection's items
/// and dropped with it; the raw request, secrets included, sits in the server's buffers for as long anyway.
/// Requests on an HTTP/1.x connection follow one another, so the two slots need no locking.</summary>
public sealed class ConnectionTokenHashes
{
    private Entry? _app;
    private Entry? _user;

    public HashKey App(string secret) => KeyOf(ref _app, secret);

    public HashKey User(string secret) => KeyOf(ref _user, secret);

    private static HashKey KeyOf(ref Entry? slot, string secret)
    {
        if (slot is { } last && SameSecret(last.Secret, secret)) return last.Key;
        var key = TokenSecrets.HashKeyOf(secret);
        slot = new Entry(secret, key);
        return key;
    }

    private static bool SameSecret(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));

    private sealed record Entry(string Secret, HashKey Key);
}
