using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>A user token ended early (expired sooner, or deleted) takes the tokens made with it down with it: each of its
/// owner's tokens that descends from it through <see cref="Token.CreatedByTokenAccessor"/> expires no later than it.
/// Tokens an administrator made with it for other users stay: they were issued for those users, not as sessions.</summary>
internal static class TokenDescendants
{
    private const int MaxDepth = 64;

    /// <summary>Caps the descendants of <paramref name="parent"/> at <paramref name="cap"/> inside the caller's transaction,
    /// adding an audit event for each (saved with the caller's next save); returns their secret hashes (a rotated-out secret's too), for
    /// <see cref="TokenRevocations.Revoke"/> after the commit.</summary>
    public static async Task<List<byte[]>> CapAsync(EnfixDbContext db, AuditLog audit, Actor actor, Token parent, DateTime cap, CancellationToken ct)
    {
        var capped = await CapAsync(db, parent, cap, ct);
        foreach (var child in capped)
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenExpiryChanged, targetAccessor: child.Accessor, targetUserId: parent.UserId,
                detail: $"expires_at={AuditDetail.Time(cap)} (made with {parent.Accessor}, which ended)"));
        return [.. capped.SelectMany(c => c.PreviousSecretHash is { } previous ? [c.SecretHash, previous] : new[] { c.SecretHash })];
    }

    private static async Task<List<Capped>> CapAsync(EnfixDbContext db, Token parent, DateTime cap, CancellationToken ct)
    {
        var changed = new List<Capped>();
        if (parent.Family != TokenFamily.User) return changed;
        List<string> generation = [parent.Accessor];
        for (var depth = 0; generation.Count > 0 && depth < MaxDepth; depth++)
        {
            var parents = generation;
            var children = db.Tokens.Where(t => t.UserId == parent.UserId && parents.Contains(t.CreatedByTokenAccessor!));
            var later = children.Where(t => t.ExpiresAt > cap);
            changed.AddRange(await later.Select(t => new Capped(t.Accessor, t.SecretHash, t.PreviousSecretHash)).ToListAsync(ct));
            await later.ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, cap), ct);
            generation = await children.Select(t => t.Accessor).ToListAsync(ct);
        }
        return changed;
    }

    private sealed record Capped(string Accessor, byte[] SecretHash, byte[]? PreviousSecretHash);
}
