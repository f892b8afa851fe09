using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Users;

/// <summary>Checks a username and password for every sign-in door (API login, portal, ...), with Identity lockout.
/// Unknown user, wrong password, locked-out or deactivated user all get the same answer after the same hash work.</summary>
public sealed class PasswordSignIn(IServiceScopeFactory scopes, AuditLog audit, EnfixMetrics metrics)
{
    public const string Refused = "The username or password is incorrect, or the account is locked; try again later.";

    public async Task<ServiceResult<EnfixUser>> CheckAsync(Actor actor, string? userName, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(userName)) return ServiceError.Validation("username", "username is required.");
        if (string.IsNullOrEmpty(password)) return ServiceError.Validation("password", "password is required.");

        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<EnfixUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<EnfixUser>>();
        var db = scope.ServiceProvider.GetRequiredService<EnfixDbContext>();
        var user = await manager.FindByNameAsync(userName.Trim());
        var attempt = actor with { UserId = user?.Id, UserName = userName.Trim() };
        if (user is null)
        {
            // Spend the same hash work as a real check so timing does not tell which usernames exist.
            manager.PasswordHasher.VerifyHashedPassword(new EnfixUser(), TimingDecoy, password);
            return await RefuseAsync(db, attempt, AuditActions.LoginFailed, "unknown user", ct);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            manager.PasswordHasher.VerifyHashedPassword(user, TimingDecoy, password);
            return await RefuseAsync(db, attempt, AuditActions.LoginLockedOut, null, ct);
        }
        if (!result.Succeeded)
            return await RefuseAsync(db, attempt, AuditActions.LoginFailed, "wrong password", ct);
        if (!user.IsActive)
            return await RefuseAsync(db, attempt, AuditActions.LoginFailed, "deactivated", ct);
        db.AuditEvents.Add(audit.For(attempt, AuditActions.LoginSucceeded, targetUserId: user.Id));
        await db.SaveChangesAsync(ct);
        metrics.Login("success");
        return user;
    }

    private async Task<ServiceError> RefuseAsync(EnfixDbContext db, Actor attempt, string action, string? detail, CancellationToken ct)
    {
        db.AuditEvents.Add(audit.For(attempt, action, AuditOutcome.Failure, targetUserId: attempt.UserId, detail: detail));
        await db.SaveChangesAsync(ct);
        metrics.Login(action == AuditActions.LoginLockedOut ? "lockout" : "failure");
        return ServiceError.Unauthenticated("credentials", Refused);
    }

    private static readonly string TimingDecoy = new PasswordHasher<EnfixUser>().HashPassword(new EnfixUser(), "timing-decoy-password");
}
