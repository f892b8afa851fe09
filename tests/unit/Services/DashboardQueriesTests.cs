using EnfixPortal.Api.Common;
using EnfixPortal.Api.Dashboard;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

public sealed class DashboardQueriesTests : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task CountsActiveAndSoonExpiringTokensAndTheLastDayOfLogins()
    {
        await _harness.CreateAppTokenAsync(_harness.AdminActor);
        await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: 6 * 86400);
        await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: -1);
        await _harness.CreateOboTokenAsync(_harness.AdminActor, seconds: 3600);
        var signIn = _harness.Get<PasswordSignIn>();
        var api = new Actor(null, null, false, Door.Api);
        await signIn.CheckAsync(api, "admin", ServiceHarness.AdminPassword);
        await signIn.CheckAsync(api, "admin", "wrong");
        await signIn.CheckAsync(api, "nobody", "wrong");

        var stats = (await _harness.Get<DashboardQueries>().GetAsync(_harness.AdminActor)).Value!;

        Assert.Equal(2, stats.ActiveAppTokens);
        Assert.Equal(1, stats.ActiveUserTokens);
        Assert.Equal(2, stats.ExpiringWithin7Days);
        Assert.Equal(1, stats.Logins24h);
        Assert.Equal(2, stats.FailedLogins24h);
        Assert.Empty(_harness.Logs.Lines); // e.g. EF's "Skip/Take without OrderBy" on the limited counts
    }

    [Fact]
    public async Task ADeactivatedUsersTokensAreNotCountedActiveUntilReactivation()
    {
        var bob = await _harness.CreateUserAsync("bob");
        await _harness.CreateAppTokenAsync(ServiceHarness.ActorFor(bob), seconds: 3 * 86400);
        await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id, seconds: 3600);
        var users = _harness.Get<UserService>();
        var dashboard = _harness.Get<DashboardQueries>();
        var before = (await dashboard.GetAsync(_harness.AdminActor)).Value!;

        await users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: false));
        var deactivated = (await dashboard.GetAsync(_harness.AdminActor)).Value!;
        await users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: true));
        var reactivated = (await dashboard.GetAsync(_harness.AdminActor)).Value!;

        Assert.Equal((1, 1, 2), (before.ActiveAppTokens.Value, before.ActiveUserTokens.Value, before.ExpiringWithin7Days.Value));
        Assert.Equal((0, 0, 0), (deactivated.ActiveAppTokens.Value, deactivated.ActiveUserTokens.Value, deactivated.ExpiringWithin7Days.Value));
        Assert.Equal((1, 1, 2), (reactivated.ActiveAppTokens.Value, reactivated.ActiveUserTokens.Value, reactivated.ExpiringWithin7Days.Value));
    }

    [Fact]
    public async Task ChartHasThirtyDaysEndingTodayWithIssuedTokensAndLoginsPerDay()
    {
        await _harness.CreateAppTokenAsync(_harness.AdminActor);
        _harness.Time.Advance(TimeSpan.FromDays(2));
        await _harness.CreateOboTokenAsync(_harness.AdminActor);
        await _harness.CreateOboTokenAsync(_harness.AdminActor);
        await _harness.Get<PasswordSignIn>().CheckAsync(new Actor(null, null, false, Door.Portal), "admin", ServiceHarness.AdminPassword);

        var days = (await _harness.Get<DashboardQueries>().GetAsync(_harness.AdminActor)).Value!.Days;

        Assert.Equal(DashboardQueries.ChartDays, days.Count);
        Assert.Equal(DateOnly.FromDateTime(_harness.Time.GetUtcNow().UtcDateTime), days[^1].Day);
        Assert.Equal((2, 1), (days[^1].TokensIssued, days[^1].Logins));
        Assert.Equal((1, 0), (days[^3].TokensIssued, days[^3].Logins));
    }

    [Fact]
    public async Task ANonAdminRefusedAtThePortalIsAFailedLoginNotALogin()
    {
        await _harness.CreateUserAsync("clerk");
        await _harness.Get<PasswordSignIn>().CheckAdminAsync(new Actor(null, null, false, Door.Portal), "clerk", "Us3r-Passw0rd!");

        var stats = (await _harness.Get<DashboardQueries>().GetAsync(_harness.AdminActor)).Value!;

        Assert.Equal((0, 1), (stats.Logins24h, stats.FailedLogins24h));
        Assert.Equal(0, stats.Days[^1].Logins);
    }

    [Fact]
    public async Task TokenCountsAreExactUpToTheLimitAndSayMoreThanPastIt()
    {
        await _harness.SeedAppTokensAsync(DashboardQueries.CountLimit, TimeSpan.FromDays(1));
        var queries = _harness.Get<DashboardQueries>();

        var atLimit = (await queries.GetAsync(_harness.AdminActor)).Value!;
        await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: 3600);
        var pastLimit = (await queries.GetAsync(_harness.AdminActor)).Value!;

        Assert.Equal(new LimitedCount(10_000, Exact: true), atLimit.ActiveAppTokens);
        Assert.Equal(new LimitedCount(10_000, Exact: false), pastLimit.ActiveAppTokens);
        Assert.Equal(new LimitedCount(10_000, Exact: false), pastLimit.ExpiringWithin7Days);
        Assert.Equal(new LimitedCount(0, Exact: true), pastLimit.ActiveUserTokens);
    }

    [Fact]
    public async Task OnlyAdministratorsSeeTheDashboard()
    {
        var olga = await _harness.CreateUserAsync("olga");
        var refused = await _harness.Get<DashboardQueries>().GetAsync(ServiceHarness.ActorFor(olga));
        Assert.Equal(ServiceErrorKind.Forbidden, refused.Error!.Kind);
    }
}
