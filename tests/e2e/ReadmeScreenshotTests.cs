using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>The README's screenshots, taken on a server of their own filled with <see cref="DemoData"/>: each page shows
/// the demo installation as an administrator sees it. <c>tests/e2e/screenshots.sh</c> runs this and copies the
/// pictures to docs/screenshots.</summary>
[Collection(ReadmeCollection.Name)]
public sealed class ReadmeScreenshotTests(ReadmeFixture fixture) : PortalTest(fixture.Portal)
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "readme-screenshots");

    [Fact]
    public async Task EveryPageShowsTheDemoInstallation()
    {
        var portal = fixture.Portal;
        var page = await portal.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await SaveAsync(page, "01-sign-in");
        await login.SignInAsync(PortalServer.AdminUserName, "not-the-password");
        await Assertions.Expect(login.Error).ToBeVisibleAsync();
        await SaveAsync(page, "02-sign-in-refused");
        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);
        var shell = new PortalShell(page);
        await Assertions.Expect(shell.Heading("Dashboard")).ToBeVisibleAsync();
        await shell.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.Locator("svg").First).ToBeVisibleAsync();
        await SaveAsync(page, "03-dashboard");

        await shell.OpenAsync("App tokens");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("nightly deploy pipeline");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("expired");
        await SaveAsync(page, "04-app-tokens");

        await shell.OpenAsync("User tokens");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("support ticket #4711");
        await SaveAsync(page, "05-user-tokens");

        await shell.OpenAsync("Users");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Katherine Johnson");
        await SaveAsync(page, "06-users");

        await shell.OpenAsync("Audit log");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("login.failed");
        await SaveAsync(page, "07-audit-log");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await shell.OpenAsync("App tokens");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("grafana metrics");
        await SaveAsync(page, "08-app-tokens-dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" }).ClickAsync();

        var phone = await portal.NewAdminPageAsync(width: 390, height: 844);
        await new PortalShell(phone).WaitUntilInteractiveAsync();
        // The layout closes the drawer once it has measured a phone's width; a click before that would be undone.
        await Assertions.Expect(phone.Locator(".mud-drawer--closed")).ToHaveCountAsync(1);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true }).ClickAsync();
        await Assertions.Expect(new PortalShell(phone).Navigation).ToBeInViewportAsync();
        await SaveAsync(phone, "09-phone-menu", fullPage: false);
        await Assertions.Expect(phone.Locator(".mud-drawer--open")).ToHaveCountAsync(1);
    }

    /// <summary>Once the page and its fonts have loaded and every transition (a drawer sliding in, a dialog fading) has
    /// ended. Not "network idle": a page's live connection may keep the network busy past any timeout on a loaded machine,
    /// and each caller has already waited for the content it shows.</summary>
    private static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Folder);
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("() => document.fonts.status === 'loaded' && document.getAnimations().every(a => a.playState !== 'running')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = fullPage });
    }
}

/// <summary>A portal of its own, so the pictures show only the demo installation, whatever other tests do.</summary>
public sealed class ReadmeFixture : IAsyncLifetime
{
    public PortalFixture Portal { get; } = new();

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        await DemoData.SeedAsync(Portal.Server);
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ReadmeCollection : ICollectionFixture<ReadmeFixture>
{
    public const string Name = "readme";
}
