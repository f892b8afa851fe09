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
            await db.SaveChangesAsync();
        }
        var page = await Fixture.NewAdminPageAsync(width: 1280, height: 800);
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByText(marker)).ToBeVisibleAsync();

        var widths = await PageWidths.MeasureAsync(page);
        Assert.True(widths.Page <= widths.Window, $"the page is {widths.Page} px wide in a {widths.Window} px window");
        Assert.True(widths.Grid <= widths.GridBox, $"the grid is {widths.Grid} px wide in its {widths.GridBox} px box");
    }
}
