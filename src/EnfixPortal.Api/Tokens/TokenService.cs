using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Tokens;

/// <summary>Creates app and user tokens for every door, with their audit events; changes and deletes one token through
/// <see cref="TokenChanges"/>, as a list of one.</summary>
public sealed class TokenService(
    IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<TokenSettings> options,
    AuditLog audit, TokenInserts inserts, TokenEvents events, TokenChanges bulk)
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

    /// <summary>A PATCH of one token: <see cref="TokenChanges.ChangeAsync"/> for a list of one.</summary>
    public async Task<ServiceResult<TokenView>> ChangeAsync(Actor actor, TokenFamily family, string id, ChangeTokenRequest change, CancellationToken ct = default) =>
        TokenBatch.Single(await bulk.ChangeAsync(actor, family, [id], change, ct));

    /// <summary>A DELETE of one token: <see cref="TokenChanges.DeleteAsync"/> for a list of one.</summary>
    public async Task<ServiceResult<TokenView>> DeleteAsync(Actor actor, TokenFamily family, string id, CancellationToken ct = default) =>
        TokenBatch.Single(await bulk.DeleteAsync(actor, family, [id], ct));

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<ServiceResult<CreatedToken>> CreateAsync(Actor actor, CreateTokenRequest request, TokenKind kind, TimeSpan defaultLifetime, CancellationToken ct)
    {
        var ownerId = request.UserId ?? actor.UserId;
        var wellFormed = ObjectIds.IsWellFormed(ownerId);
        if (wellFormed && !actor.MayActFor(ownerId!))
            return ServiceError.Forbidden("Only an administrator may issue tokens for another user.");
        if (request.Unreadable is { } unreadable)
            return wellFormed || unreadable.Errors.ContainsKey("user") ? unreadable : unreadable.With("user", MalformedUserId);
        if (!wellFormed || ownerId is null) return ServiceError.Validation("user", MalformedUserId);
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
