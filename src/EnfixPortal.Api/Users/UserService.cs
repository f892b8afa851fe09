using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Api.Users;

/// <summary>Creates and changes users through ASP.NET Core Identity. Each call takes a fresh scope, so a long-lived
/// portal circuit never works on a stale user. Deactivation, deletion and password resets reach the tokens at once.</summary>
public sealed class UserService(IServiceScopeFactory scopes, TimeProvider time, AuditLog audit, TokenChanges tokens,
    TokenRevocations revocations, UserQueries queries, WebhookOutbox outbox)
{
    public async Task<ServiceResult<UserView>> CreateAsync(Actor actor, CreateUserRequest request, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return UserErrors.AdminOnly;
        if (string.IsNullOrWhiteSpace(request.UserName)) return ServiceError.Validation("username", "username is required.");
        if (string.IsNullOrEmpty(request.Password)) return ServiceError.Validation("password", "password is required.");
        if (Invalid(request) is { } invalid) return invalid;

        await using var scope = scopes.CreateAsyncScope();
        var (manager, db) = Resolve(scope);
        var user = new EnfixUser(request.UserName.Trim())
        {
            DisplayName = Clean(request.DisplayName), Email = Clean(request.Email), IsActive = request.Active,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await manager.CreateAsync(user, request.Password);
        if (!created.Succeeded) return IdentityErrorMapping.ToServiceError(created.Errors);
        if (request.Admin && await manager.AddToRoleAsync(user, Roles.Admin) is { Succeeded: false } roleFailed)
            return IdentityErrorMapping.ToServiceError(roleFailed.Errors);
        db.AuditEvents.Add(audit.For(actor, AuditActions.UserCreated, targetUserId: user.Id, detail: request.Admin ? "admin" : null));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await queries.GetAsync(actor, user.Id, ct);
    }

    public async Task<ServiceResult<UserView>> UpdateAsync(Actor actor, string id, UpdateUserRequest change, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return UserErrors.AdminOnly;
        await using var scope = scopes.CreateAsyncScope();
        var (manager, db) = Resolve(scope);
        var user = ObjectIds.IsWellFormed(id) ? await manager.FindByIdAsync(id) : null;
        if (user is null) return UserErrors.NotFound;
        if (change.Unreadable is { } unreadable) return unreadable;
        if (Invalid(change.DisplayName, change.Email) is { } invalid) return invalid;
        var wasAdmin = await manager.IsInRoleAsync(user, Roles.Admin);
        if (((change.Active == false && user.IsActive) || (change.Admin == false && wasAdmin)) && await IsLastActiveAdminAsync(db, user))
            return ServiceError.Conflict("active", "This is the last active administrator; make another user an administrator first.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (change.DisplayName is not null) user.DisplayName = Clean(change.DisplayName);
        if (change.Email is not null && await manager.SetEmailAsync(user, Clean(change.Email)) is { Succeeded: false } emailFailed)
            return IdentityErrorMapping.ToServiceError(emailFailed.Errors);
        var events = new List<(string Action, string? Detail)>();
        if (change.Active is { } active && active != user.IsActive)
        {
            user.IsActive = active;
            events.Add((active ? AuditActions.UserReactivated : AuditActions.UserDeactivated, null));
            if (!active) await outbox.AddAsync(db, WebhookEventTypes.UserDeactivated, new UserEventData(new EventUser(user.Id, user.UserName)), ct);
        }
        if (change.Admin is { } admin && admin != wasAdmin)
        {
            var roleChange = admin ? await manager.AddToRoleAsync(user, Roles.Admin) : await manager.RemoveFromRoleAsync(user, Roles.Admin);
            if (!roleChange.Succeeded) return IdentityErrorMapping.ToServiceError(roleChange.Errors);
            events.Add((AuditActions.UserUpdated, admin ? "admin granted" : "admin removed"));
        }
        if (change.Password is not null)
        {
            var validation = await ValidatePasswordAsync(manager, user, change.Password);
            if (validation is not null) return validation;
            await manager.RemovePasswordAsync(user);
            await manager.AddPasswordAsync(user, change.Password);
            // In the same transaction: no moment where the new password is set and an old session still works.
            var ended = await tokens.ExpireUserTokensAsync(db, user.Id, ct);
            events.Add((AuditActions.UserPasswordReset, $"user_tokens_expired={ended}"));
        }
        if (events.Count == 0) events.Add((AuditActions.UserUpdated, null));
        await manager.UpdateSecurityStampAsync(user);
        foreach (var (action, detail) in events)
            db.AuditEvents.Add(audit.For(actor, action, targetUserId: user.Id, detail: detail));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        revocations.RevokeUser(user.Id);
        outbox.Wake();
        return await queries.GetAsync(actor, user.Id, ct);
    }

    public async Task<ServiceResult<UserView>> DeleteAsync(Actor actor, string id, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return UserErrors.AdminOnly;
        var existing = await queries.GetAsync(actor, id, ct);
        if (existing.Error is { } missing) return missing;
        await using var scope = scopes.CreateAsyncScope();
        var (manager, db) = Resolve(scope);
        var user = await manager.FindByIdAsync(id);
        if (user is null) return UserErrors.NotFound;
        if (existing.Value!.Admin && await IsLastActiveAdminAsync(db, user))
            return ServiceError.Conflict("id", "This is the last active administrator; make another user an administrator first.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await manager.DeleteAsync(user);
        if (!deleted.Succeeded) return IdentityErrorMapping.ToServiceError(deleted.Errors);
        db.AuditEvents.Add(audit.For(actor, AuditActions.UserDeleted, targetUserId: id, detail: user.UserName));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        revocations.RevokeUser(id);
        return existing.Value!;
    }

    public Task<ServiceResult<int>> RevokeAllTokensAsync(Actor actor, string id, CancellationToken ct = default) =>
        actor.IsAdmin ? tokens.ExpireAllForUserAsync(actor, id, null, ct) : Task.FromResult<ServiceResult<int>>(UserErrors.AdminOnly);

    private static (UserManager<EnfixUser> Manager, EnfixDbContext Db) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<EnfixUser>>(), scope.ServiceProvider.GetRequiredService<EnfixDbContext>());

    private static async Task<bool> IsLastActiveAdminAsync(EnfixDbContext db, EnfixUser user)
    {
        var adminRoleId = db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id);
        var others = await db.Users.CountAsync(u => u.Id != user.Id && u.IsActive
            && db.UserRoles.Any(r => r.UserId == u.Id && adminRoleId.Contains(r.RoleId)));
        var isAdmin = await db.UserRoles.AnyAsync(r => r.UserId == user.Id && adminRoleId.Contains(r.RoleId));
        return isAdmin && others == 0;
    }

    private static async Task<ServiceError?> ValidatePasswordAsync(UserManager<EnfixUser> manager, EnfixUser user, string password)
    {
        foreach (var validator in manager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(manager, user, password);
            if (!result.Succeeded) return IdentityErrorMapping.ToServiceError(result.Errors);
        }
        return null;
    }

    private static ServiceError? Invalid(CreateUserRequest request) =>
        request.UserName!.Trim().Length > 256 ? ServiceError.Validation("username", "username must be at most 256 characters.")
        : Invalid(request.DisplayName, request.Email);

    // The limits are the columns' (EnfixDbContext, Identity's 256 for email): a longer value is refused, never a database error.
    private static ServiceError? Invalid(string? name, string? email) =>
        Clean(name)?.Length > 200 ? ServiceError.Validation("name", "name must be at most 200 characters.")
        : Clean(email)?.Length > 256 ? ServiceError.Validation("email", "email must be at most 256 characters.")
        : !string.IsNullOrWhiteSpace(email) && !new EmailAddressAttribute().IsValid(email.Trim())
            ? ServiceError.Validation("email", "email is not a valid email address.") : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
