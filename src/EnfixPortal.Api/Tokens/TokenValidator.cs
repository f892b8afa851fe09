using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace EnfixPortal.Api.Tokens;

/// <summary>The hot path: turns an (app token, user token) pair into a principal, or says which of the two is refused.
/// A warm check is two hashes (none when the connection sent the same pair before) and four dictionary reads; the
/// database is read only on a miss.</summary>
public sealed class TokenValidator(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, TokenUsage usage,
    ValidationCache cache, UnknownSecrets unknown, EnfixMetrics metrics)
{
    public const string AppTokenField = "app_token";
    public const string UserTokenField = "token";
    public const string MissingAppToken = "Send an app token in the App-Token header.";

    public ValueTask<ServiceResult<TokenPrincipal>> ValidateAsync(string? appToken, string? userToken, CancellationToken ct = default) =>
        ValidateAsync(appToken, userToken, null, TokenClient.Unknown, ct);

    /// <summary>As above, with the connection's last pair of hashes (<paramref name="hashes"/>) to skip hashing a pair sent again,
    /// and the <paramref name="client"/> recorded as the tokens' last user.</summary>
    public async ValueTask<ServiceResult<TokenPrincipal>> ValidateAsync(string? appToken, string? userToken,
        ConnectionTokenHashes? hashes, TokenClient client, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(appToken))
            return Refuse(AppTokenField, MissingAppToken);
        if (string.IsNullOrEmpty(userToken))
            return Refuse(UserTokenField, "Send a user token in the Token header; get one from POST /api/v1/token/.");
        var now = Now;
        var app = await ResolveAsync(KeyOf(appToken, hashes, app: true), now, ct);
        if (!IsLiveApp(app, now))
            return Refuse(AppTokenField, "The app token is unknown, expired or revoked.");
        var user = await ResolveAsync(KeyOf(userToken, hashes, app: false), now, ct);
        if (user is not { User.Active: true } || user.Value.Token.Kind == TokenKind.App || user.Value.Token.ExpiresAt <= now)
            return Refuse(UserTokenField, "The user token is unknown, expired or revoked; log in again.");

        metrics.Validation(app.Value.Hit && user.Value.Hit ? "hit" : "miss");
        usage.Record(app.Value.Token.Accessor, now, client);
        usage.Record(user.Value.Token.Accessor, now, client);
        return new TokenPrincipal(user.Value.User, app.Value.Token, user.Value.Token, app.Value.User);
    }

    /// <summary>One token alone, of either family (introspection of a single token): its cache entry and owner while it is
    /// live, refused otherwise. Records no use: asking about a token is not using it.</summary>
    public async ValueTask<ServiceResult<(CachedToken Token, CachedUser Owner)>> ValidateOneAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret)) return Refuse(UserTokenField, "Send a token.");
        var now = Now;
        var one = await ResolveAsync(KeyOf(secret, null, app: false), now, ct);
        if (one is not { User.Active: true } || one.Value.Token.ExpiresAt <= now)
            return Refuse(UserTokenField, "The token is unknown, expired or revoked.");
        return (one.Value.Token, one.Value.User);
    }

    /// <summary>The login door's check: an app token alone, before any password is looked at. Returns its accessor.</summary>
    public async ValueTask<ServiceResult<string>> ValidateAppTokenAsync(string? appToken, TokenClient client = default,
        CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(appToken))
            return Refuse(AppTokenField, "Send an app token in the App-Token header or the app_token form field.");
        var now = Now;
        var app = await ResolveAsync(KeyOf(appToken, null, app: true), now, ct);
        if (!IsLiveApp(app, now))
            return Refuse(AppTokenField, "The app token is unknown, expired or revoked.");
        usage.Record(app.Value.Token.Accessor, now, client);
        return app.Value.Token.Accessor;
    }

    private static bool IsLiveApp([NotNullWhen(true)] Resolved? app, DateTime now) =>
        app is { Token.Kind: TokenKind.App, User.Active: true } && app.Value.Token.ExpiresAt > now;

    private ServiceError Refuse(string field, string message)
    {
        metrics.Validation("refused");
        return ServiceError.Unauthenticated(field, message);
    }

    /// <summary>The cache key of a well-formed secret (nothing else is hashed or remembered), from the connection's last
    /// pair when it was sent there before.</summary>
    private static HashKey? KeyOf(string secret, ConnectionTokenHashes? hashes, bool app) =>
        !TokenSecrets.LooksLikeSecret(secret) ? null
        : hashes is null ? TokenSecrets.HashKeyOf(secret)
        : app ? hashes.App(secret) : hashes.User(secret);

    /// <summary>The token and its owner, from the cache when both are there and fresh at <paramref name="now"/> (one instant
    /// for the whole check), else from the database.</summary>
    private async ValueTask<Resolved?> ResolveAsync(HashKey? secretKey, DateTime now, CancellationToken ct)
    {
        if (secretKey is not { } key) return null;
        if (cache.Token(key, now) is { } cached)
        {
            if (cache.User(cached.UserId, now) is { } cachedUser) return new Resolved(cached, cachedUser, true);
            var generation = cache.Generation;
            var user = await LoadUserAsync(cached.UserId, ct);
            if (user is null) return null;
            cache.RememberUser(user, generation);
            return new Resolved(cached, user, false);
        }
        if (unknown.IsKnownUnknown(key, now)) return null;
        return await LoadAsync(key, key.ToBytes(), now, ct);
    }

    private async Task<Resolved?> LoadAsync(HashKey key, byte[] hash, DateTime now, CancellationToken ct)
    {
        var generation = cache.Generation;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Tokens.AsNoTracking().Where(t => t.SecretHash == hash || t.PreviousSecretHash == hash)
            .Select(t => new { t.SecretHash, t.PreviousSecretHash, t.PreviousSecretEndsAt, t.Accessor, t.Kind, t.ExpiresAt, t.UserId, t.Scopes })
            .SingleOrDefaultAsync(ct);
        var current = row is not null && CryptographicOperations.FixedTimeEquals(row.SecretHash, hash);
        if (row is null || !current && (row.PreviousSecretHash is null || !CryptographicOperations.FixedTimeEquals(row.PreviousSecretHash, hash)))
        {
            unknown.Remember(key, now);
            return null;
        }
        var user = await LoadUserAsync(db, row.UserId, ct);
        if (user is null) return null;
        // A secret replaced by a rotation ends with its grace period (or with the token, if that comes first).
        var endsAt = current || row.PreviousSecretEndsAt is not { } graceEnd || graceEnd > row.ExpiresAt ? row.ExpiresAt : graceEnd;
        var token = new CachedToken(row.Accessor, row.Kind, endsAt, row.UserId, Now, ScopeSet.FromStored(row.Scopes));
        cache.Remember(key, token, user, generation);
        return new Resolved(token, user, false);
    }

    private async Task<CachedUser?> LoadUserAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadUserAsync(db, userId, ct);
    }

    private async Task<CachedUser?> LoadUserAsync(EnfixDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.UserName, u.IsActive,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return user is null ? null : new CachedUser(userId, user.UserName ?? "", user.IsActive, user.Roles, Now);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private readonly record struct Resolved(CachedToken Token, CachedUser User, bool Hit);
}
