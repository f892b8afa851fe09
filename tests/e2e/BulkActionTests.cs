using System.Text.RegularExpressions;
using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>Bulk actions touch exactly the rows the administrator ticked, and the confirmation names them.</summary>
[Collection(PortalCollection.Name)]
public sealed class BulkActionTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task RevokeAfterExpireTouchesOnlyTheNewlyTickedTokens()
    {
        var prefix = $"bulk{Guid.NewGuid():N}"[..10];
        var names = Enumerable.Range(1, 4).Select(i => $"{prefix}-{i}").ToArray();
        foreach (var name in names) await Fixture.Server.NewAdminAppTokenAsync(name);
        var page = await Fixture.NewAdminPageAsync();
        var tokens = TokensPage.AppTokens(page);
        await tokens.GotoAsync();
        await tokens.SearchForAsync(prefix, expectedRows: 4);

        await tokens.TickAsync(names[0]);
        await tokens.TickAsync(names[1]);
        await tokens.BulkAsync("Expire", names[0], names[1]);
        await tokens.SnackbarSaysAsync("Expired 2 tokens");
        await tokens.StatusIsAsync(names[0], "expired");
        await tokens.StatusIsAsync(names[1], "expired");
        foreach (var name in names) await Assertions.Expect(tokens.Checkbox(name)).Not.ToBeCheckedAsync();

        await tokens.TickAsync(names[2]);
        await tokens.TickAsync(names[3]);
        await tokens.BulkAsync("Revoke", names[2], names[3]);
        await tokens.SnackbarSaysAsync("Revoked 2 tokens");

        await Assertions.Expect(tokens.Row(names[2])).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Row(names[3])).ToHaveCountAsync(0);
        await tokens.StatusIsAsync(names[0], "expired");
        await tokens.StatusIsAsync(names[1], "expired");
        await page.ReloadAsync();
        await tokens.WaitUntilInteractiveAsync();
        await tokens.SearchForAsync(prefix, expectedRows: 2);
        await Assertions.Expect(tokens.Row(names[0])).ToBeVisibleAsync();
        await Assertions.Expect(tokens.Row(names[1])).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChangingTheFilterClearsTheSelection()
    {
        var prefix = $"bulk{Guid.NewGuid():N}"[..10];
        await Fixture.Server.NewAdminAppTokenAsync($"{prefix}-a");
        var page = await Fixture.NewAdminPageAsync();
        var tokens = TokensPage.AppTokens(page);
        await tokens.GotoAsync();
        await tokens.SearchForAsync(prefix, expectedRows: 1);
        await tokens.TickAsync($"{prefix}-a");
        await Assertions.Expect(page.GetByText("1 selected")).ToBeVisibleAsync();

        await tokens.SearchForAsync($"{prefix}-none", expectedRows: 0);
        await tokens.SearchForAsync(prefix, expectedRows: 1);

        await Assertions.Expect(tokens.Checkbox($"{prefix}-a")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"\d+ selected"))).ToHaveCountAsync(0);
    }
}
