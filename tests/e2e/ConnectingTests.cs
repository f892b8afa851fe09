using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>Nothing a user does while a page connects to the server is lost. The connection is held back until the user
/// has acted, so the race a slow network or a busy server makes now and then happens every time.</summary>
[Collection(PortalCollection.Name)]
public sealed class ConnectingTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task TextTypedIntoTheSearchBoxWhileThePageConnectsIsKept()
    {
        var name = $"early{Guid.NewGuid():N}"[..11];
        await Fixture.Server.NewAdminAppTokenAsync(name);
        var page = await Fixture.NewAdminPageAsync();
        var tokens = TokensPage.AppTokens(page);
        var connect = await ConnectionHold.BeforeConnectingAsync(page);

        await page.GotoAsync("/app-tokens", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var typedWhileConnecting = await tokens.Search.IsVisibleAsync();
        if (typedWhileConnecting) await tokens.Search.FillAsync(name);
        connect.Release();
        if (!typedWhileConnecting) await tokens.Search.FillAsync(name);

        await tokens.WaitUntilInteractiveAsync();
        await Assertions.Expect(tokens.Search).ToHaveValueAsync(name);
        await Assertions.Expect(tokens.Grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(tokens.Row(name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AClickOnTheNavigationWhileTheDashboardConnectsOpensThatPage()
    {
        var page = await Fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        var connect = await ConnectionHold.BeforeConnectingAsync(page);
        var shell = new PortalShell(page);

        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/account/"));
        var link = shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "App tokens" });
        var clickedWhileConnecting = await link.IsVisibleAsync();
        if (clickedWhileConnecting) await link.ClickAsync();
        connect.Release();
        if (!clickedWhileConnecting) await link.ClickAsync();

        await Assertions.Expect(shell.Heading("App tokens")).ToBeVisibleAsync();
        await shell.WaitUntilInteractiveAsync();
        await Assertions.Expect(shell.Heading("App tokens")).ToBeVisibleAsync();
        Assert.EndsWith("/app-tokens", page.Url);
    }
}
