using EnfixPortal.Api.Common;
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

    /// <summary>The grid's column headers whose text the browser spread over more than one line.</summary>
    public static Task<string[]> WrappedHeadersAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('.mud-table-container thead th')].filter(th => {
            const tops = new Set(), walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (!node.textContent.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
            }
            return tops.size > 1;
        }).map(th => th.innerText.trim())
        """);

    /// <summary>Where each column of the grid starts and ends: its headers' left and right edges, in px.</summary>
    public static Task<int[][]> ColumnEdgesAsync(IPage page) => page.EvaluateAsync<int[][]>("""
        () => document.querySelector('.mud-table-container thead .mud-table-loading') ? [] :
            [...document.querySelectorAll('.mud-table-container thead tr:first-child th')].map(th => {
            const r = th.getBoundingClientRect();
            return [Math.round(r.left), Math.round(r.right)];
        })
        """);
}
