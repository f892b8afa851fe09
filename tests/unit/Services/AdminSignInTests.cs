using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

/// <summary>The portal's sign-in check: only administrators get in, and a refusal is audited as one.</summary>
public sealed class AdminSignInTests : IAsyncLifetime
{
    private const string Password = "Us3r-Passw0rd!";
    private static readonly Actor Portal = new(null, null, false, Door.Portal, "10.0.0.7");

    private readonly ServiceHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ANonAdminWithTheRightPasswordIsRefusedAndAuditedAsRefusedNotAsASignIn()
    {
        var clerk = await _harness.CreateUserAsync("clerk");

        var refused = await _harness.Get<PasswordSignIn>().CheckAdminAsync(Portal, "clerk", Password);

        Assert.Equal(ServiceErrorKind.Forbidden, refused.Error!.Kind);
        var events = await SignInEventsAsync();
        var refusal = Assert.Single(events);
        Assert.Equal((AuditActions.LoginRefused, AuditOutcome.Failure, PasswordSignIn.NotAdmin), (refusal.Action, refusal.Outcome, refusal.Detail));
        Assert.Equal((clerk.Id, Door.Portal, "10.0.0.7"), (refusal.TargetUserId, refusal.Door, refusal.ClientAddress));
    }

    [Fact]
    public async Task TheSameNonAdminStillSignsInThroughTheApiDoor()
    {
        await _harness.CreateUserAsync("clerk");

        var signedIn = await _harness.Get<PasswordSignIn>().CheckAsync(Portal with { Door = Door.Api }, "clerk", Password);

        Assert.True(signedIn.Succeeded);
        Assert.Equal(AuditActions.LoginSucceeded, Assert.Single(await SignInEventsAsync()).Action);
    }

    [Fact]
    public async Task AnAdministratorIsLetIn()
    {
        var signedIn = await _harness.Get<PasswordSignIn>().CheckAdminAsync(Portal, "admin", ServiceHarness.AdminPassword);

        Assert.Equal(_harness.Admin.Id, signedIn.Value!.Id);
        Assert.Equal(AuditActions.LoginSucceeded, Assert.Single(await SignInEventsAsync()).Action);
    }

    [Fact]
    public async Task AWrongPasswordOfANonAdminGetsTheUsualAnswerSoTheRoleIsNotGivenAway()
    {
        await _harness.CreateUserAsync("clerk");

        var refused = await _harness.Get<PasswordSignIn>().CheckAdminAsync(Portal, "clerk", "Wr0ng-password!");

        Assert.Equal(PasswordSignIn.Refused, refused.Error!.Errors["credentials"]);
        Assert.Equal(AuditActions.LoginFailed, Assert.Single(await SignInEventsAsync()).Action);
    }

    private Task<List<AuditEvent>> SignInEventsAsync() =>
        _harness.QueryAsync(db => db.AuditEvents.Where(a => a.Action.StartsWith("login.")).ToListAsync());
}
