using EnfixPortal.Api.Common;
using Microsoft.Playwright;

namespace EnfixPortal.E2E.Pages;

/// <summary>The App tokens and User tokens pages: one grid with filters, a create dialog and row actions.</summary>
public sealed class TokensPage(IPage page, string path, string heading, string createButton) : PortalShell(page)
{
    public static TokensPage AppTokens(IPage page) => new(page, "/app-tokens", "App tokens", "New app token");
    public static TokensPage UserTokens(IPage page) => new(page, "/user-tokens", "User tokens", "New OBO token");

    public ILocator Grid => Page.GetByRole(AriaRole.Table);
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator Row(string name) => Grid.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    /// <summary>The row whose name is exactly <paramref name="name"/>: a short name such as "a00" can also be part of
    /// another row's hint, which <see cref="Row"/> would match too.</summary>
    public ILocator NamedRow(string name) => Grid.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByText(name, new() { Exact = true }) });
    public ILocator Search => Page.GetByLabel("Search name, owner, hint");

    public async Task GotoAsync()
    {
        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
        await Assertions.Expect(Heading(heading)).ToBeVisibleAsync();
    }

    /// <summary>Creates a token in the dialog and returns its secret, read from the one place it is ever shown;
    /// <paramref name="forUser"/> is a username that matches no other user.</summary>
    public async Task<string> CreateAsync(string name, string? forUser = null)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = createButton }).ClickAsync();
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        if (forUser is not null)
        {
            var picker = Dialog.GetByLabel(heading == "App tokens" ? "Owner" : "On behalf of user");
            var choices = Page.Locator(".mud-popover-open .mud-list-item");
            // A click opens the list with every user (a search for no text); the typed name is searched after the
            // picker's debounce. Typed at once, the two searches overlap and whichever answers last fills the list (seen
            // in CI: every user left listed, or the one match reopening the list after the choice). So the first search
            // has answered before the name is typed, and the choice is clicked in the list of the second.
            await picker.ClickAsync();
            await Assertions.Expect(choices.First).ToBeVisibleAsync();
            await picker.FillAsync(forUser);
            await Assertions.Expect(choices).ToHaveCountAsync(1);
            await Assertions.Expect(choices).ToContainTextAsync(forUser);
            await choices.ClickAsync();
            // A click on a choice makes the picker take the focus back, then close its list: text typed elsewhere before
            // the list has closed can land in the picker, and the token would be created without its name.
            await Assertions.Expect(choices).ToHaveCountAsync(0);
            await Assertions.Expect(picker).ToHaveValueAsync(forUser);
        }
        var nameField = Dialog.GetByLabel("Name");
        await nameField.FillAsync(name);
        await Assertions.Expect(nameField).ToHaveValueAsync(name);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var secret = Dialog.GetByLabel("New token");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
        await Assertions.Expect(Dialog.GetByText("shown only once")).ToBeVisibleAsync();
        var value = await secret.InputValueAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(Dialog).ToBeHiddenAsync();
        return value;
    }

    public async Task ExpireAsync(string name)
    {
        await Row(name).GetByRole(AriaRole.Button, new() { Name = "Expire" }).ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Expire" }).ClickAsync();
        await SnackbarSaysAsync($"Expired {name}");
    }

    public async Task RevokeAsync(string name)
    {
        await Row(name).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await SnackbarSaysAsync($"Revoked {name}");
    }

    public ILocator Checkbox(string name) => Row(name).GetByRole(AriaRole.Checkbox);

    public async Task TickAsync(string name)
    {
        await Checkbox(name).CheckAsync();
        await Assertions.Expect(Checkbox(name)).ToBeCheckedAsync();
    }

    /// <summary>Types into the search box and waits until the grid shows that many rows.</summary>
    public async Task SearchForAsync(string text, int expectedRows)
    {
        await Search.FillAsync(text);
        var rows = Grid.Locator("tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Checkbox) });
        await Assertions.Expect(rows).ToHaveCountAsync(expectedRows);
    }

    /// <summary>Runs a bulk action on the ticked rows; the confirmation must name exactly <paramref name="names"/>.</summary>
    public async Task BulkAsync(string verb, params string[] names)
    {
        await Assertions.Expect(Page.GetByText($"{names.Length} selected", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"{verb} selected" }).ClickAsync();
        await Assertions.Expect(Dialog).ToContainTextAsync($"{verb} {names.Length} tokens?");
        var listed = Dialog.GetByRole(AriaRole.Listitem);
        await Assertions.Expect(listed).ToHaveCountAsync(names.Length);
        foreach (var name in names) await Assertions.Expect(listed.Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = verb }).ClickAsync();
        await Assertions.Expect(Dialog).ToBeHiddenAsync();
    }

    /// <summary>Picks <paramref name="choice"/> in the MudSelect labelled <paramref name="label"/> inside <paramref name="scope"/>.</summary>
    public async Task ChooseAsync(ILocator scope, string label, string choice)
    {
        await scope.Locator(".mud-input-control.mud-select").Filter(new() { HasText = label }).ClickAsync();
        var item = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = choice });
        await item.First.ClickAsync();
        await Assertions.Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Sets the grid's Show filter (e.g. "Expiring within 7 days") and waits until the grid shows that many rows.</summary>
    public async Task ShowAsync(string choice, int expectedRows)
    {
        await ChooseAsync(Page.Locator("body"), "Show", choice);
        var rows = Grid.Locator("tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Checkbox) });
        await Assertions.Expect(rows).ToHaveCountAsync(expectedRows);
    }

    /// <summary>Opens Extend selected, checks it lists exactly <paramref name="names"/>, picks <paramref name="lifetime"/> and extends.</summary>
    public async Task ExtendSelectedAsync(string lifetime, params string[] names)
    {
        await Assertions.Expect(Page.GetByText($"{names.Length} selected", new() { Exact = true })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Extend selected" }).ClickAsync();
        await Assertions.Expect(Dialog).ToContainTextAsync($"Extend {names.Length} tokens");
        var listed = Dialog.GetByRole(AriaRole.List, new() { Name = "Affected" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(listed).ToHaveCountAsync(names.Length);
        foreach (var name in names) await Assertions.Expect(listed.Filter(new() { HasText = name })).ToHaveCountAsync(1);
        // Nothing is preselected: extending before a choice asks for one.
        await Assertions.Expect(Dialog.Locator(".mud-input-control.mud-select input").First).ToHaveValueAsync("");
        var extend = Dialog.GetByRole(AriaRole.Button, new() { Name = "Extend", Exact = true });
        await extend.ClickAsync();
        await Assertions.Expect(Dialog).ToContainTextAsync("Choose a new lifetime.");
        await ChooseAsync(Dialog, "New lifetime", lifetime);
        await extend.ClickAsync();
    }

    public ILocator Expiry(string name) => Row(name).Locator("[data-expiry]");

    public Task StatusIsAsync(string name, string status) => Assertions.Expect(Row(name).Locator(".mud-chip")).ToHaveTextAsync(status);
}
