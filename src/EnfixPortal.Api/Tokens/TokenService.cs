using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>Creates, changes and deletes app and user tokens for every door, each change with its audit event.</summary>
public sealed class TokenService(
    IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<TokenSettings> options,
    AuditLog audit, TokenRevocations revocations, TokenInserts inserts,
    TokenEvents events, WebhookOutbox outbox)
{
    public const string MalformedUserId = "One or more IDs are not formatted correctly.";

    public Task<ServiceResult<CreatedToken>> CreateAppTokenAsync(Actor actor, CreateTokenRequest request, CancellationToken ct = default) =>
        CreateAsync(actor, request, TokenKind.App, options.CurrentValue.AppTokenLifetime, ct);

    /// <summary>A user token made here is an OBO token, even for oneself; login tokens come from <see cref="IssueLoginTokenAsync"/>.</summary>
    public Task<ServiceResult<CreatedToken>> CreateOboTokenAsync(Actor actor, CreateTokenRequest request, CancellationToken ct = default) =>
        CreateAsync(actor, request, TokenKind.Obo, options.CurrentValue.OboTokenLifetime, ct);

    /// <summary>A login token for <paramref name="user"/>; <paramref name="signIn"/>, the sign-in's own audit event, is
    /// written in the same transaction, ahead of the token's.</summary>
    public async Task<CreatedToken> IssueLoginTokenAsync(Actor actor, EnfixUser user, string? appTokenAccessor, AuditEvent? signIn = null,
        CancellationToken ct = default)
    {
        var now = Now;
        var (token, secret) = NewToken(TokenKind.Login, user.Id, actor with { AppTokenAccessor = appTokenAccessor, TokenAccessor = null }, null,
            Expiry.FromLifetime(options.CurrentValue.UserTokenLifetime, now), now);
        token.LoginAppTokenAccessor = appTokenAccessor;
        var created = audit.For(actor, AuditActions.UserTokenCreated, targetAccessor: token.Accessor, targetUserId: user.Id, detail: "login");
        await inserts.AddAsync(token, signIn is null ? [created] : [signIn, created]);
        return new CreatedToken(secret, TokenMapping.ToView(token, user.UserName, now));
    }

    public async Task<ServiceResult<TokenView>> ChangeAsync(Actor actor, TokenFamily family, string id, ChangeTokenRequest change, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await TokenLookup.FindVisibleAsync(db.Tokens.Include(t => t.User), actor, family, id, ct);
        if (found.Error is { } missing) return missing;
        if (change.SecondsUntilExpire is null && !change.SetName)
            return ServiceError.Validation("body", "Send seconds_until_expire, name or both.");
        var token = found.Value!;
        var (now, before) = (Now, token.ExpiresAt);
        if (change.SecondsUntilExpire is { } seconds)
        {
            var expiry = await TokenLifetimes.ResolveAsync(db, actor, options.CurrentValue, token.Kind, seconds, TimeSpan.Zero, now, token, ct);
            if (expiry.Error is { } invalid) return invalid;
            token.ExpiresAt = expiry.Value;
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenExpiryChanged, targetAccessor: token.Accessor, targetUserId: token.UserId,
                detail: $"expires_at={AuditDetail.Time(token.ExpiresAt)}"));
            if (before > now && token.ExpiresAt <= now) await events.RevokedAsync(db, [token], deleted: false, ct);
        }
        if (change.SetName)
        {
            var name = TokenNames.Normalize(change.Name);
            if (name.Error is { } badName) return badName;
            token.Name = name.Value;
            db.AuditEvents.Add(audit.For(actor, AuditActions.TokenRenamed, targetAccessor: token.Accessor, targetUserId: token.UserId));
        }
        if (!await SaveAsync(db, actor, token, token.ExpiresAt < before ? token.ExpiresAt : null, ct)) return TokenLookup.NotFound(family);
        outbox.Wake();
        return TokenMapping.ToView(token, token.User?.UserName, now);
    }

    public async Task<ServiceResult<TokenView>> DeleteAsync(Actor actor, TokenFamily family, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await TokenLookup.FindVisibleAsync(db.Tokens.Include(t => t.User), actor, family, id, ct);
        if (found.Error is { } missing) return missing;
        var token = found.Value!;
        db.Tokens.Remove(token);
        db.AuditEvents.Add(audit.For(actor, AuditActions.TokenDeleted, targetAccessor: token.Accessor, targetUserId: token.UserId));
        if (token.ExpiresAt > Now) await events.RevokedAsync(db, [token], deleted: true, ct);
        if (!await TokenLookup.SaveUnlessGoneAsync(db, ct)) return TokenLookup.NotFound(family);
        revocations.Revoke(token);
        outbox.Wake();
        return TokenMapping.ToView(token, token.User?.UserName, Now);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Saves a change to <paramref name="token"/>; when it ended earlier than before (<paramref name="endedAt"/>),
    /// the tokens made with it end with it, in the same transaction. False when the token was deleted meanwhile.</summary>
    private async Task<bool> SaveAsync(EnfixDbContext db, Actor actor, Token token, DateTime? endedAt, CancellationToken ct)
    {
        List<byte[]> capped = [];
        await using (var transaction = endedAt is null ? null : await db.Database.BeginTransactionAsync(ct))
        {
            if (!await TokenLookup.SaveUnlessGoneAsync(db, ct)) return false;
            if (transaction is not null)
            {
                capped = await TokenDescendants.CapAsync(db, audit, actor, token, endedAt!.Value, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }
        revocations.Revoke(token);
        foreach (var hash in capped) revocations.Revoke(hash);
        return true;
    }

    private async Task<ServiceResult<CreatedToken>> CreateAsync(Actor actor, CreateTokenRequest request, TokenKind kind, TimeSpan defaultLifetime, CancellationToken ct)
    {
        var ownerId = request.UserId ?? actor.UserId;
        if (ownerId is not null && ObjectIds.IsWellFormed(ownerId) && !actor.MayActFor(ownerId))
            return ServiceError.Forbidden("Only an administrator may issue tokens for another user.");
        if (request.Unreadable is { } unreadable) return unreadable;
        if (ownerId is null || !ObjectIds.IsWellFormed(ownerId))
            return ServiceError.Validation("user", MalformedUserId);
        var name = TokenNames.Normalize(request.Name);
        if (name.Error is { } badName) return badName;
        var scopes = TokenScopes.Resolve(request.Scopes, actor);
        if (scopes.Error is { } badScopes) return badScopes;
        var now = Now;
        DateTime expiresAt;
        (string? UserName, bool IsActive)? owner;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var expiry = await TokenLifetimes.ResolveAsync(db, actor, options.CurrentValue, kind, request.SecondsUntilExpire, defaultLifetime, now, null, ct);
            if (expiry.Error is { } invalid) return invalid;
            expiresAt = expiry.Value;
            owner = await OwnerAsync(db, ownerId, ct);
        }
        if (owner is null)
            return ServiceError.Validation("user", "No user has this ID.");
        if (!owner.Value.IsActive)
            return ServiceError.Validation("user", "This user is deactivated; reactivate them before issuing tokens.");

        var (token, secret) = NewToken(kind, ownerId, actor, name.Value, expiresAt, now);
        token.Scopes = scopes.Value?.Text;
        await inserts.AddAsync(token, [audit.For(actor, kind == TokenKind.App ? AuditActions.AppTokenCreated : AuditActions.UserTokenCreated,
            targetAccessor: token.Accessor, targetUserId: ownerId, detail: TokenScopes.AuditDetail(scopes.Value))]);
        await events.CreatedAsync(token, owner.Value.UserName, ct);
        return new CreatedToken(secret, TokenMapping.ToView(token, owner.Value.UserName, now));
    }

    private static async Task<(string? UserName, bool IsActive)?> OwnerAsync(EnfixDbContext db, string ownerId, CancellationToken ct)
    {
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.UserName, u.IsActive }).SingleOrDefaultAsync(ct);
        return owner is null ? null : (owner.UserName, owner.IsActive);
    }

    private static (Token Token, string Secret) NewToken(TokenKind kind, string userId, Actor actor, string? name, DateTime expiresAt, DateTime now)
    {
        var secret = TokenSecrets.NewSecret();
        return (new Token
        {
            Accessor = TokenSecrets.NewAccessor(),
            SecretHash = TokenSecrets.Hash(secret),
            Hint = TokenSecrets.Hint(secret),
            Kind = kind,
            Family = Token.FamilyOf(kind),
            Name = name,
            UserId = userId,
            IssuedById = kind == TokenKind.App ? null : actor.UserId,
            CreatedVia = actor.Door,
            CreatedByUserId = actor.UserId,
            CreatedByAppTokenAccessor = actor.AppTokenAccessor,
            CreatedByTokenAccessor = actor.TokenAccessor,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        }, secret);
    }
}
