using System.Security.Cryptography;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>The hot path: turns an (app token, user token) pair into a principal, or says which of the two is refused.</summary>
public sealed class TokenValidator(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, TokenUsage usage)
{
    public const string AppTokenField = "app_token";
    public const string UserTokenField = "token";

    public async Task<ServiceResult<TokenPrincipal>> ValidateAsync(string? appToken, string? userToken, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(appToken))
            return ServiceError.Unauthenticated(AppTokenField, "Send an app token in the App-Token header.");
        if (string.IsNullOrEmpty(userToken))
            return ServiceError.Unauthenticated(UserTokenField, "Send a user token in the Token header; get one from POST /api/v1/token/.");
        var app = await FindAsync(appToken, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (app is null || app.Kind != TokenKind.App || !app.UserActive || app.ExpiresAt <= now)
            return ServiceError.Unauthenticated(AppTokenField, "The app token is unknown, expired or revoked.");
        var user = await FindAsync(userToken, ct);
        if (user is null || user.Kind == TokenKind.App || !user.UserActive || user.ExpiresAt <= now)
            return ServiceError.Unauthenticated(UserTokenField, "The user token is unknown, expired or revoked; log in again.");
        usage.Record(app.Accessor, now);
        usage.Record(user.Accessor, now);
        return new TokenPrincipal(user.UserId, user.UserName ?? "", user.Roles, app.Accessor, app.ExpiresAt, user.Accessor, user.Kind, user.ExpiresAt);
    }

    private async Task<ValidatedToken?> FindAsync(string secret, CancellationToken ct)
    {
        if (!TokenSecrets.LooksLikeSecret(secret)) return null;
        var hash = TokenSecrets.Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Tokens.AsNoTracking().Where(t => t.SecretHash == hash).Select(t => new ValidatedToken(
                t.SecretHash, t.Accessor, t.Kind, t.ExpiresAt, t.UserId, t.User!.UserName, t.User.IsActive,
                db.UserRoles.Where(r => r.UserId == t.UserId).Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!).ToList()))
            .SingleOrDefaultAsync(ct);
        return row is not null && CryptographicOperations.FixedTimeEquals(row.SecretHash, hash) ? row : null;
    }

    private sealed record ValidatedToken(
        byte[] SecretHash, string Accessor, TokenKind Kind, DateTime ExpiresAt, string UserId, string? UserName, bool UserActive, List<string> Roles);
}
