using System.Security.Cryptography;
using System.Text;
using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Tokens;

/// <summary>Makes secrets (128 bits from the CSPRNG, 32 lowercase hex) and the only form of them that is stored.</summary>
public static class TokenSecrets
{
    public const int SecretLength = 32;
    public const int AccessorLength = 24;
    public const int HintLength = 4;

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewAccessor() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The hash of a well-formed secret as a cache key, without allocating.</summary>
    public static HashKey HashKeyOf(string secret)
    {
        Span<byte> text = stackalloc byte[SecretLength];
        Span<byte> hash = stackalloc byte[32];
        Encoding.UTF8.GetBytes(secret, text);
        SHA256.HashData(text, hash);
        return HashKey.From(hash);
    }

    public static string Hint(string secret) => secret[..HintLength];

    public static bool LooksLikeSecret(string? value) => ObjectIds.IsLowerHex(value, SecretLength);

    public static bool LooksLikeAccessor(string? value) => ObjectIds.IsLowerHex(value, AccessorLength);
}
