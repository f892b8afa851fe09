using EnfixPortal.Api.Common;
using Microsoft.Playwright;

namespace EnfixPortal.E2E.Pages;

/// <summary>The Users page: a searchable grid with per-user actions.</summary>
public sealed class UsersPage(IPage page) : PortalShell(page)
{
    public ILocator Row(string userName) =>
        Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Cell, new() { Name = userName, Exact = true }) });

    public async Task GotoAsync()
    {
        await Page.GotoAsync("/users");
        await WaitUntilInteractiveAsync();
        await Assertions.Expect(Heading("Users")).ToBeVisibleAsync();
    }

    public async Task DeactivateAsync(string userName)
    {
        await Row(userName).GetByRole(AriaRole.Button, new() { Name = $"Deactivate {userName}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await SnackbarSaysAsync($"Deactivated {userName}");
        await Assertions.Expect(Row(userName)).ToContainTextAsync("deactivated");
    }
}
