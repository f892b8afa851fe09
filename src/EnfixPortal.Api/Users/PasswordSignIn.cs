using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Users;

/// <summary>Checks a username and password for every sign-in door (API login, portal, ...), with two lockouts: per account
/// and client address (<see cref="AddressLockout"/>), and account-wide after many more failures (Identity's lockout).
/// Unknown user, wrong password, locked-out or deactivated user all get the same answer after the same hash work.</summary>
public sealed class PasswordSignIn(IServiceScopeFactory scopes, AuditLog audit, EnfixMetrics metrics, AddressLockout addressLockout,
    WebhookOutbox outbox)
{
    public const string Refused = "The username or password is incorrect, or the account is locked; try again later.";
    public const string NotAdmin = "not an administrator";

    // Parallel sign-ins of one user race on Identity's concurrency stamp; each loser re-reads the user and tries again.
    private const int MaxLockoutWrites = 64;

    /// <summary>For doors open to every active user; writes the <c>login.succeeded</c> event itself.</summary>
    public async Task<ServiceResult<EnfixUser>> CheckAsync(Actor actor, string? userName, string? password, CancellationToken ct = default) =>
        UserOf(await VerifyAsync(actor, userName, password, adminOnly: false, writeSuccess: true, ct));

    /// <summary>For the portal: right credentials of a user without the admin role are refused (Forbidden) and audited
    /// as <c>login.refused</c>, never as a sign-in that succeeded.</summary>
    public async Task<ServiceResult<EnfixUser>> CheckAdminAsync(Actor actor, string? userName, string? password, CancellationToken ct = default) =>
        UserOf(await VerifyAsync(actor, userName, password, adminOnly: true, writeSuccess: true, ct));

    /// <summary>For the API's login, which issues a token on success: refusals are written and counted here as in
    /// <see cref="CheckAsync"/>, but the <c>login.succeeded</c> event is handed back unwritten, to go into the database
    /// in the same transaction as the login token (one commit per login, and no success on record without its token).
    /// The caller counts the success (<see cref="EnfixMetrics.LoginSucceeded"/>) once it is written.</summary>
    public Task<ServiceResult<SignIn>> VerifyAsync(Actor actor, string? userName, string? password, CancellationToken ct = default) =>
        VerifyAsync(actor, userName, password, adminOnly: false, writeSuccess: false, ct);

    private static ServiceResult<EnfixUser> UserOf(ServiceResult<SignIn> verified) =>
        verified.Error is { } refused ? refused : verified.Value!.User;

    private async Task<ServiceResult<SignIn>> VerifyAsync(Actor actor, string? userName, string? password, bool adminOnly, bool writeSuccess,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName)) return ServiceError.Validation("username", "username is required.");
        if (string.IsNullOrEmpty(password)) return ServiceError.Validation("password", "password is required.");

        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<EnfixUser>>();
        var db = scope.ServiceProvider.GetRequiredService<EnfixDbContext>();
        var user = await manager.FindByNameAsync(userName.Trim());
        var attempt = actor with { UserId = user?.Id, UserName = userName.Trim() };
        if (user is null)
        {
            // Spend the same hash work as a real check so timing does not tell which usernames exist.
            manager.PasswordHasher.VerifyHashedPassword(new EnfixUser(), TimingDecoy, password);
            return await RefuseAsync(db, attempt, AuditActions.LoginFailed, "unknown user", ct);
        }
        if (await manager.IsLockedOutAsync(user) || await addressLockout.IsLockedOutAsync(db, user.Id, actor.ClientAddress, ct))
        {
            manager.PasswordHasher.VerifyHashedPassword(user, TimingDecoy, password);
            return await RefuseAsync(db, attempt, AuditActions.LoginLockedOut, null, ct);
        }
        if (!await manager.CheckPasswordAsync(user, password))
        {
            await WriteLockoutAsync(db, user, manager.AccessFailedAsync, ct);
            var addressLocked = await addressLockout.CountFailureAsync(db, user.Id, actor.ClientAddress, ct);
            return addressLocked || await manager.IsLockedOutAsync(user)
                ? await RefuseAsync(db, attempt, AuditActions.LoginLockedOut, null, ct, lockoutBegins: true)
                : await RefuseAsync(db, attempt, AuditActions.LoginFailed, "wrong password", ct);
        }
        if (!user.IsActive)
            return await RefuseAsync(db, attempt, AuditActions.LoginFailed, "deactivated", ct);
        // The password was right, so the failure count starts over even when the door then refuses the user.
        await WriteLockoutAsync(db, user, manager.ResetAccessFailedCountAsync, ct);
        await addressLockout.ClearAsync(db, user.Id, actor.ClientAddress, ct);
        if (adminOnly && !await manager.IsInRoleAsync(user, Roles.Admin))
        {
            await WriteEventAsync(db,
                audit.For(attempt, AuditActions.LoginRefused, AuditOutcome.Failure, targetUserId: user.Id, detail: NotAdmin), ct);
            metrics.Login("refused");
            return ServiceError.Forbidden("This portal is for administrators only.");
        }
        var succeeded = audit.For(attempt, AuditActions.LoginSucceeded, targetUserId: user.Id);
        if (writeSuccess)
        {
            await WriteEventAsync(db, succeeded, ct);
            metrics.LoginSucceeded();
        }
        return new SignIn(user, succeeded);
    }

    /// <summary>Counts a failure (or clears the count) even when other sign-ins of the same user write at the same moment:
    /// a lost race must neither drop a failure (that would give an attacker extra guesses) nor refuse a right password.</summary>
    private static async Task WriteLockoutAsync(EnfixDbContext db, EnfixUser user, Func<EnfixUser, Task<IdentityResult>> write, CancellationToken ct)
    {
        for (var tries = 1; ; tries++)
        {
            var result = await write(user);
            if (result.Succeeded) return;
            if (tries == MaxLockoutWrites || result.Errors.All(e => e.Code != nameof(IdentityErrorDescriber.ConcurrencyFailure)))
                throw new InvalidOperationException($"Could not record a sign-in for user {user.Id}: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            await db.Entry(user).ReloadAsync(ct);
        }
    }

    /// <param name="lockoutBegins">This failure locked the account: announced to webhooks (the attempts refused while it
    /// stays locked are not).</param>
    private async Task<ServiceError> RefuseAsync(EnfixDbContext db, Actor attempt, string action, string? detail, CancellationToken ct,
        bool lockoutBegins = false)
    {
        var lockedOut = lockoutBegins
            ? new UserEventData(new EventUser(attempt.UserId!, attempt.UserName), attempt.ClientAddress, attempt.Door.ToString().ToLowerInvariant())
            : null;
        await WriteEventAsync(db, audit.For(attempt, action, AuditOutcome.Failure, targetUserId: attempt.UserId, detail: detail), ct,
            lockedOut is null ? null : () => outbox.AddAsync(db, WebhookEventTypes.LoginLockedOut, lockedOut, ct));
        if (lockedOut is not null) outbox.Wake();
        metrics.Login(action == AuditActions.LoginLockedOut ? "lockout" : "failure");
        return ServiceError.Unauthenticated("credentials", Refused);
    }

    /// <summary>The sign-in's audit event alone (the user's lockout fields, tracked here, were saved already).</summary>
    private static async Task WriteEventAsync(EnfixDbContext db, AuditEvent auditEvent, CancellationToken ct, Func<Task>? alsoWrite = null)
    {
        db.ChangeTracker.Clear();
        db.AuditEvents.Add(auditEvent);
        if (alsoWrite is not null) await alsoWrite();
        await db.SaveChangesAsync(ct);
    }

    private static readonly string TimingDecoy = new PasswordHasher<EnfixUser>().HashPassword(new EnfixUser(), "timing-decoy-password");
}

/// <summary>A user whose password was right, with the <c>login.succeeded</c> event still to be written.</summary>
public sealed record SignIn(EnfixUser User, AuditEvent Succeeded);
