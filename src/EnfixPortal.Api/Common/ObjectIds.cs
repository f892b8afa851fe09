using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EnfixPortal.Api.Common;

/// <summary>24 lowercase hex characters: 4 bytes of seconds since 1970 then 8 random bytes, like a MongoDB ObjectId,
/// so ids made close in time sit close together in an index.</summary>
public static class ObjectIds
{
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsWellFormed(string? value) => IsLowerHex(value, 24);

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>Checked on every token of every API request: one vectorized scan, nothing allocated.</summary>
    public static bool IsLowerHex(string? value, int length) =>
        value is not null && value.Length == length && !value.AsSpan().ContainsAnyExcept(LowerHexDigits);
}
