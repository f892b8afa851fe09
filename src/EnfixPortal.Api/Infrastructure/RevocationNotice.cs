using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using System.Globalization;

namespace EnfixPortal.Api.Infrastructure;

/// <summary>What one node tells the others: <c>node/t:&lt;hex of a secret's SHA-256&gt;</c>, <c>node/u:&lt;user id&gt;</c>, or
/// <c>node/c:&lt;areas&gt;</c> (a change committed, <see cref="ChangeAreas"/> as a number). Hashes are not secrets; the node
/// id lets a node skip its own notices.</summary>
public readonly record struct RevocationNotice(string Node, HashKey? Token, string? UserId, ChangeAreas Changes = ChangeAreas.None)
{
    public static string ForToken(string node, byte[] secretHash) => $"{node}/t:{Convert.ToHexStringLower(secretHash)}";

    public static string ForUser(string node, string userId) => $"{node}/u:{userId}";

    public static string ForChanges(string node, ChangeAreas areas) => $"{node}/c:{(int)areas}";

    public static RevocationNotice? Parse(string payload)
    {
        var slash = payload.IndexOf('/');
        if (slash <= 0 || payload.Length < slash + 3 || payload[slash + 2] != ':') return null;
        var (node, value) = (payload[..slash], payload[(slash + 3)..]);
        return payload[slash + 1] switch
        {
            't' when value.Length == 64 && IsHex(value) => new RevocationNotice(node, HashKey.From(Convert.FromHexString(value)), null),
            'u' when value.Length > 0 => new RevocationNotice(node, null, value),
            'c' when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var areas) && areas > 0
                && (areas & ~(int)ChangeAreas.All) == 0 => new RevocationNotice(node, null, null, (ChangeAreas)areas),
            _ => null,
        };
    }

    /// <summary>What a notice from another process does here: the token or user is evicted from the validation cache, or
    /// open pages are told of the change.</summary>
    public void ApplyTo(ValidationCache cache, ChangeFeed changes)
    {
        if (Token is { } key) cache.Forget(key);
        else if (UserId is { } userId) cache.ForgetUser(userId);
        else changes.Heard(Changes);
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}
