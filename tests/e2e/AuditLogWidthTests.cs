using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>The audit log fits a 1280 × 800 laptop window: a long detail wraps in its cell, and short values keep their words.</summary>
[Collection(PortalCollection.Name)]
public sealed class AuditLogWidthTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task ALongDetailWrapsInsteadOfRunningPastA1280PixelWindow()
    {
        var marker = $"wrapcheck{Guid.NewGuid():N}"[..17];
        var detail = marker + " " + string.Join(' ', Enumerable.Repeat("the request named a field the server does not know", 6));
        var services = Fixture.Server.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync())
        {
            db.AuditEvents.Add(services.GetRequiredService<AuditLog>().For(
                new Actor(null, "margaret-hamilton-apollo", false, Door.Api, "2001:db8:85a3::8a2e:370:7334"),
                AuditActions.LoginFailed, AuditOutcome.Failure, detail: detail));
            // A long value without spaces beside a short address: the address must not give up its digits to make room.
            db.AuditEvents.Add(services.GetRequiredService<AuditLog>().For(
                new Actor(null, "grace", false, Door.Api, "203.0.113.195"),
                AuditActions.TokenExpiryChanged, detail: $"{marker}=2026-12-04T17:47:04.5972007Z/{new string('x', 60)}"));
            await db.SaveChangesAsync();
        }
        var page = await Fixture.NewAdminPageAsync(width: 1280, height: 800);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByText(marker).First).ToBeVisibleAsync();

        var widths = await PageWidths.MeasureAsync(page);
        Assert.True(widths.Page <= widths.Window, $"the page is {widths.Page} px wide in a {widths.Window} px window");
        Assert.True(widths.Grid <= widths.GridBox, $"the grid is {widths.Grid} px wide in its {widths.GridBox} px box");
        // Fitting must not cost the short values their words: no header, username, door, action, outcome, time or IPv4
        // address is broken across lines ("admi/n", "Do/or", "login.succ/eeded").
        Assert.Empty(await SplitWordsAsync(page));
    }

    /// <summary>The words, in the headers and in every row's cells but the target and the detail, that the browser
    /// broke across two lines (a line may end after a hyphen, as in a long username).</summary>
    private static Task<string[]> SplitWordsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
            const split = [];
            const cells = [...document.querySelectorAll('.audit-grid th, .audit-grid tbody td')]
                .filter(cell => !cell.querySelector('a') && cell.cellIndex !== 5 && cell.cellIndex !== 7);
            for (const cell of cells) {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const match of node.textContent.matchAll(/[^\s-]+/g)) {
                        if (match[0].includes(':')) continue; // an IPv6 address may wrap
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (tops.size > 1) split.push(match[0]);
                    }
                }
            }
            return split;
        }
        """);
}
