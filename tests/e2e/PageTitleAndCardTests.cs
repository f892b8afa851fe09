using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>What a page looks like once reached: the title holds the focus without a box around it, and the
/// dashboard's cards line up.</summary>
[Collection(PortalCollection.Name)]
public sealed class PageTitleAndCardTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task AfterNavigatingTheFocusedPageTitleHasNoFocusBox()
    {
        var page = await Fixture.NewAdminPageAsync();
        var shell = new PortalShell(page);
        await shell.WaitUntilInteractiveAsync();

        await shell.OpenAsync("Users");

        var title = shell.Heading("Users");
        await Assertions.Expect(title).ToBeFocusedAsync();
        Assert.Equal("none", await title.EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle"));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(1000)]
    public async Task TheDashboardCardsOfARowHaveTheSameHeight(int width)
    {
        var page = await Fixture.NewAdminPageAsync(width: width);
        var cards = page.Locator("[role=group][aria-label]").Filter(new() { Has = page.Locator("[data-stat]") });
        await Assertions.Expect(cards).ToHaveCountAsync(5);

        var boxes = await cards.EvaluateAllAsync<double[][]>("cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.top, r.height]; })");

        foreach (var row in boxes.GroupBy(b => Math.Round(b[0])))
            Assert.True(row.Max(b => b[1]) - row.Min(b => b[1]) < 1, $"card heights in a row at {width} px: {string.Join(", ", row.Select(b => b[1]))}");
    }
}
