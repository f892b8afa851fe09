using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class OboTokenTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task AdminIssuesAnOboTokenForAnotherUserAndDeactivatingThemStopsIt()
    {
        var userName = $"robin-{Guid.NewGuid():N}"[..14];
        await Fixture.Server.CreateUserAsync(userName);
        var appToken = await Fixture.Server.NewAdminAppTokenAsync("obo e2e");
        var page = await Fixture.NewAdminPageAsync();

        var userTokens = TokensPage.UserTokens(page);
        await userTokens.GotoAsync();
        var obo = await userTokens.CreateAsync("robin via portal", forUser: userName);
        Assert.True(await Fixture.Server.AcceptsAsync(appToken, obo));
        await Assertions.Expect(userTokens.Row("robin via portal")).ToContainTextAsync("OBO");
        await Assertions.Expect(userTokens.Row("robin via portal")).ToContainTextAsync("admin");
        await Screenshots.SaveAsync(page, "05-user-tokens");

        var users = new UsersPage(page);
        await users.OpenAsync("Users");
        await users.DeactivateAsync(userName);
        Assert.False(await Fixture.Server.AcceptsAsync(appToken, obo));
        await Screenshots.SaveAsync(page, "06-users");
    }
}
