using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>The one moment a new token is shown: on a phone all of it is visible, and the copy button is reached by Tab.</summary>
[Collection(PortalCollection.Name)]
public sealed class SecretRevealTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task OnAPhoneTheWholeSecretShowsAndTabReachesTheCopyButton()
    {
        var page = await Fixture.NewAdminPageAsync(width: 390, height: 844);
        var tokens = TokensPage.AppTokens(page);
        await tokens.GotoAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New app token" }).ClickAsync();
        var nameField = tokens.Dialog.GetByLabel("Name");
        await nameField.FillAsync($"phone-{Guid.NewGuid():N}"[..12]);
        await tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var secret = tokens.Dialog.GetByLabel("New token");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));

        var widths = await secret.EvaluateAsync<int[]>("input => [input.scrollWidth, input.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the secret needs {widths[0]} px in a {widths[1]} px box");

        await secret.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Copy to clipboard", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
    }
}
