using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Tokens;

/// <summary>Tokens that need an administrator's look: soon expiring, long unused, or held by a deactivated owner.</summary>
public enum TokenAttention { None, ExpiringWithin7Days, ExpiringWithin30Days, UnusedFor90Days, OwnerDeactivated }

public static class TokenAttentionFilter
{
    /// <summary>How close an expiry must be before a grid shows it as a warning.</summary>
    public static readonly TimeSpan SoonExpiring = TimeSpan.FromDays(7);

    public static readonly TimeSpan LongUnused = TimeSpan.FromDays(90);

    /// <summary>Expiring filters keep only tokens still valid; "unused" counts a never-used token from its creation.</summary>
    public static IQueryable<Token> Needing(this IQueryable<Token> tokens, TokenAttention attention, DateTime now)
    {
        var unusedSince = now - LongUnused;
        return attention switch
        {
            TokenAttention.ExpiringWithin7Days => Expiring(tokens, now, SoonExpiring),
            TokenAttention.ExpiringWithin30Days => Expiring(tokens, now, TimeSpan.FromDays(30)),
            TokenAttention.UnusedFor90Days => tokens.Where(t => t.LastUsedAt == null ? t.CreatedAt <= unusedSince : t.LastUsedAt <= unusedSince),
            TokenAttention.OwnerDeactivated => tokens.Where(t => !t.User!.IsActive),
            _ => tokens,
        };
    }

    private static IQueryable<Token> Expiring(IQueryable<Token> tokens, DateTime now, TimeSpan within)
    {
        var until = now + within;
        return tokens.Where(t => t.ExpiresAt > now && t.ExpiresAt <= until);
    }
}
