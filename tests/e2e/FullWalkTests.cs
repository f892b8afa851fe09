using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>An administrator signs in and visits every page and dialog of the portal on a laptop, on a phone and in dark
/// mode; the browser reports no console error, no script error and no failed request for the portal's own resources.</summary>
[Collection(PortalCollection.Name)]
public sealed class FullWalkTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Theory]
    [InlineData(1280, 800, false)]
    [InlineData(390, 844, false)]
    [InlineData(1280, 800, true)]
    [InlineData(390, 844, true)]
    public async Task EveryPageAndDialogOpensWithoutABrowserError(int width, int height, bool dark)
    {
        var page = await Fixture.NewPageAsync(width, height);
        if (dark)
            await page.Context.AddCookiesAsync([new() { Name = "enfix-theme", Value = "dark", Url = Fixture.Server.BaseAddress.ToString() }]);
        var problems = PageProblems.Watch(page, Fixture.Server.BaseAddress);
        var walk = $"walk-{width}{(dark ? "-dark" : "")}-{Guid.NewGuid():N}"[..24];

        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);
        var shell = new PortalShell(page);
        await Assertions.Expect(shell.Heading("Dashboard")).ToBeVisibleAsync();
        await shell.WaitUntilInteractiveAsync();
        if (dark) await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();

        var appTokens = TokensPage.AppTokens(page);
        await appTokens.GotoAsync();
        await appTokens.CreateAsync(walk);
        await OpenAndCancelAsync(page, appTokens.Row(walk).Locator($"button[aria-label^='Change expiry of {walk}']"));
        await OpenAndCancelAsync(page, appTokens.Row(walk).Locator($"button[aria-label^='Expire {walk}']"));
        await OpenAndCancelAsync(page, appTokens.Row(walk).Locator($"button[aria-label^='Revoke {walk}']"));

        var userTokens = TokensPage.UserTokens(page);
        await userTokens.GotoAsync();
        await userTokens.CreateAsync(walk + "-obo");

        var users = new UsersPage(page);
        await users.GotoAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Username").FillAsync(walk);
        await dialog.GetByLabel("Password").First.FillAsync(ServerActions.UserPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        // On a phone the grid stacks each row's cells under their labels, so the row is found by its text.
        var user = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = walk });
        await Assertions.Expect(user).ToBeVisibleAsync();
        await OpenAndCancelAsync(page, user.GetByRole(AriaRole.Button, new() { Name = $"Reset password of {walk}" }));
        await OpenAndCancelAsync(page, user.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {walk}" }));

        // The rest through the navigation, as an administrator moves about (on a phone, from the menu button).
        await OpenAsync(page, shell, "Audit log", phone: width < 960);
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByText(walk).First).ToBeVisibleAsync();
        await OpenAsync(page, shell, "Sessions", phone: width < 960);
        await Assertions.Expect(page.GetByText("this browser")).ToBeVisibleAsync();
        await OpenAsync(page, shell, "Webhooks", phone: width < 960);
        await OpenAndCancelAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "New webhook" }));
        await OpenAsync(page, shell, "Dashboard", phone: width < 960);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(problems.Seen.Count == 0, string.Join("\n", problems.Seen));
    }

    private static async Task OpenAsync(IPage page, PortalShell shell, string section, bool phone)
    {
        if (phone)
        {
            // The layout closes the drawer once it has measured a phone's width; a click before that would be undone.
            await Assertions.Expect(page.Locator(".mud-drawer--closed")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync();
        }
        await shell.OpenAsync(section);
    }

    private static async Task OpenAndCancelAsync(IPage page, ILocator opener)
    {
        await opener.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }
}
