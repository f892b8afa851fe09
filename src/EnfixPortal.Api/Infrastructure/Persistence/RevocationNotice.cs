using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>What one node tells the others: <c>node/t:&lt;hex of a secret's SHA-256&gt;</c> or <c>node/u:&lt;user id&gt;</c>.
/// Hashes are not secrets; the node id lets a node skip its own notices.</summary>
public readonly record struct RevocationNotice(string Node, HashKey? Token, string? UserId)
{
    public static string ForToken(string node, byte[] secretHash) => $"{node}/t:{Convert.ToHexStringLower(secretHash)}";

    public static string ForUser(string node, string userId) => $"{node}/u:{userId}";

    public static RevocationNotice? Parse(string payload)
    {
        var slash = payload.IndexOf('/');
        if (slash <= 0 || payload.Length < slash + 3 || payload[slash + 2] != ':') return null;
        var (node, value) = (payload[..slash], payload[(slash + 3)..]);
        return payload[slash + 1] switch
        {
            't' when value.Length == 64 && IsHex(value) => new RevocationNotice(node, HashKey.From(Convert.FromHexString(value)), null),
            'u' when value.Length > 0 => new RevocationNotice(node, null, value),
            _ => null,
        };
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
