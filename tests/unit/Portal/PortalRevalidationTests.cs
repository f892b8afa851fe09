using EnfixPortal.Account;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Sessions;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace EnfixPortal.Tests.Portal;

public sealed class PortalRevalidationTests : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private PortalRevalidation Revalidation => new(NullLoggerFactory.Instance, _harness.Get<IServiceScopeFactory>(), _harness.Get<IOptions<IdentityOptions>>());

    private async Task<ClaimsPrincipal> CookiePrincipalAsync(string userName)
    {
        await using var scope = _harness.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EnfixUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<EnfixUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        var principal = await factory.CreateAsync(user);
        var session = await _harness.Get<PortalSessions>().StartAsync(user.Id, "127.0.0.1", "test browser");
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalSessionCheck.SessionClaim, session));
        return principal;
    }

    [Fact]
    public async Task ASessionEndedElsewhereSignsTheCircuitOut()
    {
        var principal = await CookiePrincipalAsync("admin");

        await _harness.Get<PortalSessions>().EndAsync(PortalSessionCheck.SessionId(principal));

        Assert.False(await Revalidation.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task AnUnchangedAdminStaysSignedIn()
    {
        var principal = await CookiePrincipalAsync("admin");

        Assert.True(await Revalidation.IsStillValidAsync(principal));
        Assert.True(PortalActor.From(principal, null).IsAdmin);
    }

    [Fact]
    public async Task ADeactivatedAdminIsSignedOutOfTheCircuit()
    {
        var second = await _harness.CreateUserAsync("second-admin", admin: true);
        var principal = await CookiePrincipalAsync("second-admin");

        await _harness.Get<UserService>().UpdateAsync(_harness.AdminActor, second.Id, new UpdateUserRequest(Active: false));

        Assert.False(await Revalidation.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task AnAdminWhoseRoleWasRemovedIsSignedOutOfTheCircuit()
    {
        var second = await _harness.CreateUserAsync("second-admin", admin: true);
        var principal = await CookiePrincipalAsync("second-admin");

        await _harness.Get<UserService>().UpdateAsync(_harness.AdminActor, second.Id, new UpdateUserRequest(Admin: false));

        Assert.False(await Revalidation.IsStillValidAsync(principal));
    }

    [Fact]
    public async Task ADeletedUserIsSignedOutOfTheCircuit()
    {
        var second = await _harness.CreateUserAsync("second-admin", admin: true);
        var principal = await CookiePrincipalAsync("second-admin");

        await _harness.Get<UserService>().DeleteAsync(_harness.AdminActor, second.Id);

        Assert.False(await Revalidation.IsStillValidAsync(principal));
    }
}
