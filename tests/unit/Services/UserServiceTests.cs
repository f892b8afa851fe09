using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

public abstract class UserServiceTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine);
    private UserService Users => _harness.Get<UserService>();
    private TokenValidator Validator => _harness.Get<TokenValidator>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task DeactivatingAUserRefusesTheirTokensAtOnceAndReactivatingRestoresThem()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var bobToken = await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);
        Assert.True((await Validator.ValidateAsync(app.Secret, bobToken.Secret)).Succeeded);

        await Users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: false));
        Assert.False((await Validator.ValidateAsync(app.Secret, bobToken.Secret)).Succeeded);

        await Users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: true));
        Assert.True((await Validator.ValidateAsync(app.Secret, bobToken.Secret)).Succeeded);
    }

    [Fact]
    public async Task ADeactivatedUsersTokensCountAsSuspendedNotActiveUntilReactivation()
    {
        var bob = await _harness.CreateUserAsync("bob");
        await _harness.CreateAppTokenAsync(ServiceHarness.ActorFor(bob));
        await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);
        await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id, seconds: -1);
        var queries = _harness.Get<UserQueries>();

        await Users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: false));
        var deactivated = (await queries.GetAsync(_harness.AdminActor, bob.Id)).Value!;
        await Users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: true));
        var reactivated = (await queries.GetAsync(_harness.AdminActor, bob.Id)).Value!;

        Assert.Equal((0, 0, 2), (deactivated.ActiveAppTokens, deactivated.ActiveUserTokens, deactivated.SuspendedTokens));
        Assert.Equal((1, 1, 0), (reactivated.ActiveAppTokens, reactivated.ActiveUserTokens, reactivated.SuspendedTokens));
    }

    [Fact]
    public async Task DeletingAUserDeletesTheirTokens()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var bobToken = await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);

        var deleted = await Users.DeleteAsync(_harness.AdminActor, bob.Id);

        Assert.True(deleted.Succeeded);
        Assert.False((await Validator.ValidateAsync(app.Secret, bobToken.Secret)).Succeeded);
        Assert.Equal(0, await _harness.QueryAsync(db => db.Tokens.CountAsync(t => t.UserId == bob.Id)));
    }

    [Fact]
    public async Task APasswordResetEndsEveryUserTokenOfTheUserButKeepsAppTokens()
    {
        var bob = await _harness.CreateUserAsync("bob", admin: true);
        var bobActor = ServiceHarness.ActorFor(bob, admin: true);
        var app = await _harness.CreateAppTokenAsync(bobActor);
        var obo = await _harness.CreateOboTokenAsync(bobActor);
        var bobUser = await _harness.IdentityUserAsync(bob.Id);
        var login = await _harness.Get<TokenService>().IssueLoginTokenAsync(bobActor, bobUser, app.Token.Accessor);

        var reset = await Users.UpdateAsync(_harness.AdminActor, bob.Id, new(Password: "N3w-Passw0rd!"));

        Assert.True(reset.Succeeded, reset.Error?.Describe());
        Assert.False((await Validator.ValidateAsync(app.Secret, login.Secret)).Succeeded);
        Assert.False((await Validator.ValidateAsync(app.Secret, obo.Secret)).Succeeded);
        var adminLogin = await _harness.Get<TokenService>().IssueLoginTokenAsync(_harness.AdminActor, await _harness.IdentityUserAsync(_harness.Admin.Id), null);
        Assert.True((await Validator.ValidateAsync(app.Secret, adminLogin.Secret)).Succeeded);
        var signIn = _harness.Get<PasswordSignIn>();
        Assert.True((await signIn.CheckAsync(bobActor, "bob", "N3w-Passw0rd!")).Succeeded);
        Assert.False((await signIn.CheckAsync(bobActor, "bob", "Us3r-Passw0rd!")).Succeeded);
    }

    [Fact]
    public async Task UsernamesAreUniqueIgnoringCase()
    {
        await _harness.CreateUserAsync("Erin");
        var again = await Users.CreateAsync(_harness.AdminActor, new("erin", "Us3r-Passw0rd!"));
        Assert.Equal(ServiceErrorKind.Validation, again.Error!.Kind);
        Assert.Contains("username", again.Error.Errors.Keys);
    }

    [Fact]
    public async Task TheLastActiveAdministratorCannotBeDeactivatedDemotedOrDeleted()
    {
        var deactivate = await Users.UpdateAsync(_harness.AdminActor, _harness.Admin.Id, new(Active: false));
        var demote = await Users.UpdateAsync(_harness.AdminActor, _harness.Admin.Id, new(Admin: false));
        var delete = await Users.DeleteAsync(_harness.AdminActor, _harness.Admin.Id);

        Assert.All(new[] { deactivate.Error, demote.Error, delete.Error }, e => Assert.Equal(ServiceErrorKind.Conflict, e!.Kind));
        var second = await _harness.CreateUserAsync("second", admin: true);
        Assert.True((await Users.UpdateAsync(_harness.AdminActor, _harness.Admin.Id, new(Active: false))).Succeeded);
        Assert.Equal(ServiceErrorKind.Conflict, (await Users.UpdateAsync(_harness.AdminActor, second.Id, new(Active: false))).Error!.Kind);
    }

    [Fact]
    public async Task NonAdminsCannotManageUsers()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var created = await Users.CreateAsync(ServiceHarness.ActorFor(bob), new("mallory", "Us3r-Passw0rd!"));
        Assert.Equal(ServiceErrorKind.Forbidden, created.Error!.Kind);
        Assert.Null(await _harness.Get<UserQueries>().FindByNameAsync("mallory"));
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountEvenForTheRightPasswordAndAreAudited()
    {
        await _harness.CreateUserAsync("bob");
        var signIn = _harness.Get<PasswordSignIn>();
        var actor = new Actor(null, null, false, Door.Api, "10.0.0.9");
        for (var i = 0; i < 5; i++)
            Assert.False((await signIn.CheckAsync(actor, "bob", "wrong")).Succeeded);

        var locked = await signIn.CheckAsync(actor, "bob", "Us3r-Passw0rd!");
        var unknown = await signIn.CheckAsync(actor, "nobody", "Us3r-Passw0rd!");

        Assert.Equal(PasswordSignIn.Refused, locked.Error!.Errors["credentials"]);
        Assert.Equal(PasswordSignIn.Refused, unknown.Error!.Errors["credentials"]);
        var actions = await _harness.QueryAsync(db => db.AuditEvents.Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.LoginLockedOut, actions);
        Assert.Equal(2, actions.Count(a => a == AuditActions.LoginLockedOut));
        Assert.Equal(5, actions.Count(a => a == AuditActions.LoginFailed));
    }

    [Fact]
    public async Task ALockoutEndsAfterTheConfiguredDuration()
    {
        await using var harness = new ServiceHarness(engine, new() { ["Enfix:Lockout:Duration"] = "00:00:04", ["Enfix:Lockout:MaxFailedAttempts"] = "2" });
        await harness.InitializeAsync();
        await harness.CreateUserAsync("bob");
        var signIn = harness.Get<PasswordSignIn>();
        var actor = new Actor(null, null, false, Door.Api);
        await signIn.CheckAsync(actor, "bob", "wrong");
        await signIn.CheckAsync(actor, "bob", "wrong");
        Assert.False((await signIn.CheckAsync(actor, "bob", "Us3r-Passw0rd!")).Succeeded);

        harness.Time.Advance(TimeSpan.FromSeconds(3.9));
        Assert.False((await signIn.CheckAsync(actor, "bob", "Us3r-Passw0rd!")).Succeeded);
        harness.Time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True((await signIn.CheckAsync(actor, "bob", "Us3r-Passw0rd!")).Succeeded);
    }
}

public sealed class UserServiceTestsOnSqlite() : UserServiceTests(Engine.Sqlite);

public sealed class UserServiceTestsOnPostgres() : UserServiceTests(Engine.Postgres);
