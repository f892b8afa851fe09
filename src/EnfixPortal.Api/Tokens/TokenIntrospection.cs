using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>What introspection tells about a token or a pair (RFC 7662): only <see cref="Active"/> when it is not active.
/// Times are seconds since 1970 (UTC); <see cref="Scope"/> is null for a token with its owner's full rights,
/// <see cref="ClientId"/> the app token's accessor.</summary>
public sealed record Introspection(bool Active, string? Sub = null, string? Username = null, string? TokenType = null,
    long? Exp = null, long? Iat = null, string? Scope = null, string? ClientId = null)
{
    public static readonly Introspection Inactive = new(false);
}

/// <summary>Answers introspection requests (RFC 7662) through the same validation as every API request: a pair (app token and
/// user token) is active when the API would accept it, a single token when it exists, is unexpired and its owner active.</summary>
public sealed class TokenIntrospection(TokenValidator validator, IDbContextFactory<EnfixDbContext> dbFactory)
{
    /// <summary>RFC 7662 §2.1: only callers made for it may ask. An unscoped pair whose app token an administrator owns, or
    /// a pair whose tokens both carry <see cref="BuiltInScopes.Introspect"/>.</summary>
    public static bool MayIntrospect(TokenPrincipal caller) =>
        caller.EffectiveScopes is { } scopes ? scopes.Contains(BuiltInScopes.Introspect) : caller.AppOwner.Roles.Contains(Roles.Admin);

    /// <summary>A pair asked about is a pair used: its tokens record <paramref name="client"/> (the asking gateway) as their last user.</summary>
    public async Task<Introspection> IntrospectAsync(string? appToken, string token, TokenClient client = default, CancellationToken ct = default)
    {
        if (appToken is not null)
        {
            var pair = await validator.ValidateAsync(appToken, token, null, client, ct);
            if (pair.Value is not { } p) return Introspection.Inactive;
            var expires = p.AppToken.ExpiresAt < p.UserToken.ExpiresAt ? p.AppToken.ExpiresAt : p.UserToken.ExpiresAt;
            return new Introspection(true, p.UserId, p.UserName, TokenKindNames.Of(p.UserToken.Kind), Seconds(expires),
                await IssuedAtAsync(p.UserToken.Accessor, ct), p.EffectiveScopes?.Text, p.AppToken.Accessor);
        }
        var one = await validator.ValidateOneAsync(token, ct);
        if (one.Error is not null) return Introspection.Inactive;
        var (entry, owner) = one.Value;
        var isApp = entry.Kind == TokenKind.App;
        return new Introspection(true, owner.UserId, owner.UserName, isApp ? "app" : TokenKindNames.Of(entry.Kind),
            Seconds(entry.ExpiresAt), await IssuedAtAsync(entry.Accessor, ct), entry.Scopes?.Text, isApp ? entry.Accessor : null);
    }

    /// <summary>The one answer not in the validation cache: read from the database (introspection is not the hot path).</summary>
    private async Task<long?> IssuedAtAsync(string accessor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var created = await db.Tokens.AsNoTracking().Where(t => t.Accessor == accessor).Select(t => (DateTime?)t.CreatedAt).SingleOrDefaultAsync(ct);
        return created is { } at ? Seconds(at) : null;
    }

    private static long Seconds(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
