using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>The Show filter finds tokens about to expire; Extend selected gives the ticked ones a new lifetime, and says which
/// it could not extend and why.</summary>
[Collection(PortalCollection.Name)]
public sealed class ExtendSelectedTests(PortalFixture fixture) : PortalTest(fixture)
{
    private const long Day = 86_400;

    [Fact]
    public async Task TokensExpiringThisWeekAreFoundAndExtendedTogether()
    {
        var prefix = $"ext{Guid.NewGuid():N}"[..10];
        string[] soon = [$"{prefix}-a", $"{prefix}-b"];
        foreach (var name in soon) await Fixture.Server.NewAdminAppTokenAsync(name, 2 * Day);
        await Fixture.Server.NewAdminAppTokenAsync($"{prefix}-later", 60 * Day);
        var page = await Fixture.NewAdminPageAsync();
        var tokens = TokensPage.AppTokens(page);
        await tokens.GotoAsync();
        await tokens.SearchForAsync(prefix, expectedRows: 3);

        await tokens.ShowAsync("Expiring within 7 days", expectedRows: 2);
        foreach (var name in soon) await Assertions.Expect(tokens.Expiry(name)).ToHaveAttributeAsync("data-expiry", "soon");
        foreach (var name in soon) await tokens.TickAsync(name);
        await tokens.ExtendSelectedAsync("90 days", soon);

        await Assertions.Expect(tokens.Dialog).ToBeHiddenAsync();
        await tokens.SnackbarSaysAsync("Extended 2 tokens.");
        await tokens.SearchForAsync(prefix, expectedRows: 0);
        await tokens.ShowAsync("All", expectedRows: 3);
        foreach (var name in soon) await Assertions.Expect(tokens.Expiry(name)).ToHaveAttributeAsync("data-expiry", "later");
    }

    [Fact]
    public async Task ATokenThatAlreadyExpiresLaterIsReportedNotSkipped()
    {
        var prefix = $"ext{Guid.NewGuid():N}"[..10];
        var (shortLived, longLived) = ($"{prefix}-short", $"{prefix}-long");
        await Fixture.Server.NewAdminAppTokenAsync(shortLived, Day);
        await Fixture.Server.NewAdminAppTokenAsync(longLived, 400 * Day);
        var page = await Fixture.NewAdminPageAsync();
        var tokens = TokensPage.AppTokens(page);
        await tokens.GotoAsync();
        await tokens.SearchForAsync(prefix, expectedRows: 2);
        await tokens.TickAsync(shortLived);
        await tokens.TickAsync(longLived);

        await tokens.ExtendSelectedAsync("30 days", shortLived, longLived);

        await Assertions.Expect(tokens.Dialog).ToContainTextAsync("Extended 1 of 2. Not extended:");
        var refused = tokens.Dialog.GetByRole(AriaRole.List, new() { Name = "Not extended" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(refused).ToHaveCountAsync(1);
        await Assertions.Expect(refused).ToContainTextAsync(longLived);
        await Assertions.Expect(refused).ToContainTextAsync("It already expires later");
        await tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await tokens.SnackbarSaysAsync("Extended 1 token; 1 not.");
        await Assertions.Expect(tokens.Expiry(shortLived)).ToHaveAttributeAsync("data-expiry", "later");
    }
}
