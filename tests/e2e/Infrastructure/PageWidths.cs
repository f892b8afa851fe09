using Microsoft.Playwright;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>How wide the page and its data grid are against the room they have: wider means sideways scrolling.</summary>
public sealed record PageWidths(int Page, int Window, int Grid, int GridBox)
{
    public static async Task<PageWidths> MeasureAsync(IPage page)
    {
        var w = await page.EvaluateAsync<int[]>("""
            () => {
                const page = document.scrollingElement, grid = document.querySelector('.mud-table-container');
                return [page.scrollWidth, page.clientWidth, grid.scrollWidth, grid.clientWidth];
            }
            """);
        return new PageWidths(w[0], w[1], w[2], w[3]);
    }
}
