using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class AppTokenLifecycleTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task AdminCreatesAnAppTokenThatWorksThenExpiresAndRevokesIt()
    {
        var page = await Fixture.NewAdminPageAsync();
        var userTokens = TokensPage.UserTokens(page);
        await userTokens.GotoAsync();
        var adminToken = await userTokens.CreateAsync("e2e admin session");

        var appTokens = TokensPage.AppTokens(page);
        await appTokens.GotoAsync();
        var name = $"ci-{Guid.NewGuid():N}"[..11];
        var appToken = await appTokens.CreateAsync(name);
        Assert.True(await Fixture.Server.AcceptsAsync(appToken, adminToken));
        await Assertions.Expect(appTokens.Row(name)).ToBeVisibleAsync();
        await appTokens.StatusIsAsync(name, "active");
        await Screenshots.SaveAsync(page, "04-app-tokens");

        await appTokens.ExpireAsync(name);
        await appTokens.StatusIsAsync(name, "expired");
        Assert.False(await Fixture.Server.AcceptsAsync(appToken, adminToken));

        await appTokens.RevokeAsync(name);
        await Assertions.Expect(appTokens.Row(name)).ToHaveCountAsync(0);
        Assert.False(await Fixture.Server.AcceptsAsync(appToken, adminToken));
    }
}
