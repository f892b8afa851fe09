using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>The audit log fits a 1280 × 800 laptop window: a long detail wraps in its cell.</summary>
[Collection(PortalCollection.Name)]
public sealed class AuditLogWidthTests(PortalFixture fixture)
{
    [Fact]
    public async Task ALongDetailWrapsInsteadOfRunningPastA1280PixelWindow()
    {
        var marker = $"wrapcheck{Guid.NewGuid():N}"[..17];
        var detail = marker + " " + string.Join(' ', Enumerable.Repeat("the request named a field the server does not know", 6));
        var services = fixture.Server.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync())
        {
            db.AuditEvents.Add(services.GetRequiredService<AuditLog>().For(
                new Actor(null, "margaret-hamilton-apollo", false, Door.Api, "2001:db8:85a3::8a2e:370:7334"),
                AuditActions.LoginFailed, AuditOutcome.Failure, detail: detail));
            await db.SaveChangesAsync();
        }
        var page = await fixture.NewAdminPageAsync(width: 1280, height: 800);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByText(marker)).ToBeVisibleAsync();

        var widths = await page.EvaluateAsync<int[]>("""
            () => {
                const page = document.scrollingElement, grid = document.querySelector('.mud-table-container');
                return [page.scrollWidth, page.clientWidth, grid.scrollWidth, grid.clientWidth];
            }
            """);
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window");
        var cols = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('tbody tr:first-child td')].map(td => td.className + '=' + td.offsetWidth + ' ' + getComputedStyle(td).whiteSpace).join('; ')");
        Assert.True(widths[2] <= widths[3], $"the grid is {widths[2]} px wide in its {widths[3]} px box: {cols}");
    }
}
