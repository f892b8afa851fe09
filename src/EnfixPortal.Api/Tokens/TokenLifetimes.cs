using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using System.Numerics;

namespace EnfixPortal.Api.Tokens;

/// <summary>The expiry a create or a PATCH may give a token, for every door: within the kind's maximum lifetime; for a
/// user token asked for through the API by a non-administrator, no later than the request's own user token (its parent);
/// and never a future for an expired token from that token itself or from a token it created.</summary>
internal static class TokenLifetimes
{
    /// <summary>How far up a chain of parents a check walks; deeper chains are refused rather than walked for ever.</summary>
    private const int MaxDepth = 64;

    public static async Task<ServiceResult<DateTime>> ResolveAsync(EnfixDbContext db, Actor actor, TokenSettings settings, TokenKind kind,
        BigInteger? seconds, TimeSpan defaultLifetime, DateTime now, Token? retimed, CancellationToken ct)
    {
        var max = settings.MaxLifetime(kind);
        var maxSeconds = max.Ticks / TimeSpan.TicksPerSecond;
        if (seconds > maxSeconds)
            return ServiceError.Validation(Expiry.Field, $"seconds_until_expire may be at most {maxSeconds} for {KindName(kind)} tokens "
                + $"({TokenSettings.MaxLifetimeSetting(kind)} is {max}).");
        var expiry = seconds is { } asked ? Expiry.FromSeconds(asked, now) : Expiry.FromLifetime(defaultLifetime, now);
        if (expiry.Error is not null || expiry.Value <= now || actor.TokenAccessor is not { } parent) return expiry;

        if (retimed is { } token && token.ExpiresAt <= now && await IsLineageOfAsync(db, actor, token.Accessor, ct))
            return ServiceError.Validation(Expiry.Field,
                "This token has expired; neither it nor a token made with it can give it a new expiry. Log in again.");
        if (actor.IsAdmin || Token.FamilyOf(kind) != TokenFamily.User) return expiry;
        var parentExpiry = await db.Tokens.Where(t => t.Accessor == parent).Select(t => (DateTime?)t.ExpiresAt).SingleOrDefaultAsync(ct);
        if (parentExpiry is not { } cap || cap <= now)
            return ServiceError.Unauthenticated(TokenValidator.UserTokenField, "The user token is unknown, expired or revoked; log in again.");
        return expiry.Value < cap ? expiry.Value : cap;
    }

    /// <summary>Whether <paramref name="accessor"/> is one of the request's two tokens or an ancestor of its user token.</summary>
    private static async Task<bool> IsLineageOfAsync(EnfixDbContext db, Actor actor, string accessor, CancellationToken ct)
    {
        if (accessor == actor.AppTokenAccessor) return true;
        var current = actor.TokenAccessor;
        for (var depth = 0; current is not null; depth++)
        {
            if (current == accessor || depth == MaxDepth) return true;
            var step = current;
            current = await db.Tokens.Where(t => t.Accessor == step).Select(t => t.CreatedByTokenAccessor).SingleOrDefaultAsync(ct);
        }
        return false;
    }

    public static string KindName(TokenKind kind) => kind switch { TokenKind.App => "app", TokenKind.Login => "login", _ => "OBO" };
}
