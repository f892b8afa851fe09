using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class PortalTourTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task DashboardAndAuditLogShowWhatHappenedAndTheAuditExportsAsCsv()
    {
        var page = await Fixture.NewAdminPageAsync();
        var shell = new PortalShell(page);
        await shell.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Logins, last 24 h", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "03-dashboard");

        await shell.OpenAsync("Audit log");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByText("login.succeeded").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "07-audit-log");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("at,actor,actor_id,door,action", csv);
        Assert.Contains(",login.succeeded,success,", csv);
    }

    [Fact]
    public async Task DarkModeIsRememberedAcrossPageLoads()
    {
        var page = await Fixture.NewAdminPageAsync();
        var shell = new PortalShell(page);
        await shell.WaitUntilInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await shell.WaitUntilInteractiveAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await TokensPage.AppTokens(page).GotoAsync();
        await Screenshots.SaveAsync(page, "08-app-tokens-dark");
    }

    [Fact]
    public async Task OnAPhoneTheDrawerOpensFromTheMenuButton()
    {
        var page = await Fixture.NewAdminPageAsync(width: 390, height: 844);
        var shell = new PortalShell(page);
        await shell.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator(".mud-drawer--closed")).ToHaveCountAsync(1);
        await Assertions.Expect(shell.Navigation).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync();
        await Assertions.Expect(shell.Navigation).ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "09-phone-menu");
        await shell.OpenAsync("User tokens");
    }
}
