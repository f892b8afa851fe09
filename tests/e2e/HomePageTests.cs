using EnfixPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class HomePageTests(PortalFixture fixture)
{
    [Fact]
    public async Task PortalServesTheInteractiveShellInChromium()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "EnfixPortal", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task HealthAndReadinessAnswerOnTheRealServer()
    {
        using var http = fixture.Server.CreateHttpClient();
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        Assert.Equal("ready", await http.GetStringAsync("/readyz"));
    }
}
