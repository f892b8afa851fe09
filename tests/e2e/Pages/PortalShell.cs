using EnfixPortal.Api.Common;
using Microsoft.Playwright;

namespace EnfixPortal.E2E.Pages;

/// <summary>The layout every signed-in page shares: app bar, navigation drawer, user menu and theme switch.</summary>
public class PortalShell(IPage page)
{
    protected IPage Page { get; } = page;

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Portal sections" });
    public ILocator AccountMenu => Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" });

    public ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    /// <summary>Clicks do nothing until the SignalR circuit is live.</summary>
    public Task WaitUntilInteractiveAsync() =>
        Assertions.Expect(Page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");

    public async Task OpenAsync(string section)
    {
        await Navigation.GetByRole(AriaRole.Link, new() { Name = section }).ClickAsync();
        await Assertions.Expect(Heading(section)).ToBeVisibleAsync();
    }

    public async Task SignOutAsync()
    {
        await AccountMenu.ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    }

    public Task SnackbarSaysAsync(string text) =>
        Assertions.Expect(Page.Locator(".mud-snackbar").Filter(new() { HasText = text }).First).ToBeVisibleAsync();
}
