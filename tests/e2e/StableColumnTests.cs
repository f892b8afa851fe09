using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>A grid's columns stay where they are in a 1280 px window when the next page, another sort order or a live
/// update brings rows of very different content (short names and no last use, then long names and long User-Agents):
/// the administrator's eye does not have to find the columns again.</summary>
[Collection(PortalCollection.Name)]
public sealed class StableColumnTests(PortalFixture fixture) : PortalTest(fixture)
{
    private const string LongUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 "
        + "Safari/537.36 EnfixDeployBot/2.1+build.20261204";

    [Theory]
    [InlineData("App tokens")]
    [InlineData("User tokens")]
    public async Task TokenColumnsStayPutAcrossPagesAndSorting(string grid)
    {
        var owner = await Fixture.Server.CreateUserAsync($"colw-{Guid.NewGuid():N}"[..17]);
        // Sorted by name, the first page holds 25 short names never used; the rest are long names last used by a long
        // User-Agent from an IPv6 address.
        var family = grid == "App tokens" ? TokenFamily.App : TokenFamily.User;
        for (var i = 0; i < 25; i++) await SeedTokenAsync(family, owner.Id, $"a{i:00}", used: false);
        for (var i = 0; i < 6; i++) await SeedTokenAsync(family, owner.Id, $"zz nightly deployment pipeline for the billing service {i}", used: true);
        var page = await Fixture.NewAdminPageAsync(width: 1280, height: 800);
        var tokens = grid == "App tokens" ? TokensPage.AppTokens(page) : TokensPage.UserTokens(page);
        await tokens.GotoAsync();
        await tokens.SearchForAsync(owner.UserName, expectedRows: 25);
        var first = await SettledColumnsAsync(page);

        await SortByNameAsync(page);
        await Assertions.Expect(tokens.NamedRow("a00")).ToBeVisibleAsync();
        await AssertSameColumnsAsync(page, first, $"{grid}, sorted by name");

        await NextPageAsync(page);
        await Assertions.Expect(tokens.Row("billing service 5")).ToBeVisibleAsync();
        await AssertSameColumnsAsync(page, first, $"{grid}, page 2");

        await SortByNameAsync(page); // descending: the long rows come first, beside short ones
        await page.GetByRole(AriaRole.Button, new() { Name = "First page" }).ClickAsync();
        await Assertions.Expect(tokens.Row("billing service 5")).ToBeVisibleAsync();
        await Assertions.Expect(tokens.NamedRow("a24")).ToBeVisibleAsync();
        await AssertSameColumnsAsync(page, first, $"{grid}, sorted by name descending");
        await AssertFitsAsync(page, grid);
    }

    [Fact]
    public async Task UserColumnsStayPutOnTheNextPage()
    {
        // Named to sort last, so that the 30 users keep no other test's user off the grid's first page.
        var marker = $"zz-colw{Guid.NewGuid():N}"[..15];
        for (var i = 0; i < 25; i++) await Fixture.Server.CreateUserAsync($"{marker}-a{i:00}");
        var users = Fixture.Server.Services.GetRequiredService<UserService>();
        for (var i = 0; i < 5; i++)
        {
            var created = await users.CreateAsync(Actor.Cli(), new CreateUserRequest($"{marker}-z-continuous-integration-runner-{i}",
                ServerActions.UserPassword, "Margaret Heafield Hamilton of the Apollo guidance software team",
                $"margaret.heafield.hamilton.{i}@software-engineering.apollo.example.org", Admin: true));
            Assert.True(created.Succeeded, created.Error?.Describe());
        }
        var page = await Fixture.NewAdminPageAsync(width: 1280, height: 800);
        await new UsersPage(page).GotoAsync();
        await page.GetByLabel("Search username, name, email").FillAsync(marker);
        await Assertions.Expect(page.GetByText($"{marker}-a24")).ToBeVisibleAsync();
        var first = await SettledColumnsAsync(page);

        await NextPageAsync(page);
        await Assertions.Expect(page.GetByText($"{marker}-z-continuous-integration-runner-4")).ToBeVisibleAsync();
        await AssertSameColumnsAsync(page, first, "Users, page 2");
        await AssertFitsAsync(page, "Users");
    }

    [Fact]
    public async Task AuditColumnsStayPutOnTheNextPage()
    {
        var marker = $"colw{Guid.NewGuid():N}"[..12];
        var services = Fixture.Server.Services;
        var audit = services.GetRequiredService<AuditLog>();
        await using (var db = await services.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync())
        {
            // Newest first: 50 short events on page 1, older long ones (long actor, IPv6 address, long detail) on page 2.
            for (var i = 0; i < 10; i++)
            {
                var old = audit.For(new Actor(null, $"{marker}-continuous-integration-runner", false, Door.Api, "2001:db8:85a3::8a2e:370:7334"),
                    AuditActions.TokenExpiryChanged, detail: string.Join(' ', Enumerable.Repeat("the request named a field the server does not know", 4)));
                old.At = old.At.AddHours(-1);
                db.AuditEvents.Add(old);
            }
            for (var i = 0; i < 50; i++)
                db.AuditEvents.Add(audit.For(new Actor(null, marker, false, Door.Cli), AuditActions.LoginFailed, AuditOutcome.Failure));
            await db.SaveChangesAsync();
        }
        var page = await Fixture.NewAdminPageAsync(width: 1280, height: 800);
        await page.GotoAsync("/audit");
        await new PortalShell(page).WaitUntilInteractiveAsync();
        await page.GetByLabel("Actor").FillAsync(marker);
        await Assertions.Expect(page.Locator(".audit-grid tbody tr")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByText("continuous-integration-runner")).ToHaveCountAsync(0);
        var first = await SettledColumnsAsync(page);

        await NextPageAsync(page);
        await Assertions.Expect(page.GetByText($"{marker}-continuous-integration-runner").First).ToBeVisibleAsync();
        await AssertSameColumnsAsync(page, first, "Audit log, page 2");
        await AssertFitsAsync(page, "Audit log");
    }

    private async Task SeedTokenAsync(TokenFamily family, string ownerId, string name, bool used)
    {
        var services = Fixture.Server.Services;
        var admin = (await services.GetRequiredService<UserQueries>().FindByNameAsync(PortalServer.AdminUserName))!;
        var actor = new Actor(admin.Id, admin.UserName, true, Door.Cli);
        var tokens = services.GetRequiredService<TokenService>();
        var request = new CreateTokenRequest(ownerId, name);
        var created = family == TokenFamily.App ? await tokens.CreateAppTokenAsync(actor, request) : await tokens.CreateOboTokenAsync(actor, request);
        Assert.True(created.Succeeded, created.Error?.Describe());
        if (!used) return;
        var usage = services.GetRequiredService<TokenUsage>();
        usage.Record(created.Value!.Token.Accessor, DateTime.UtcNow,
            new TokenClient(System.Net.IPAddress.Parse("2001:db8:85a3::8a2e:370:7334"), LongUserAgent));
        await usage.FlushAsync();
    }

    private static Task SortByNameAsync(IPage page) =>
        page.Locator("thead th").Filter(new() { HasText = "Name" }).Locator(".sortable-column-header").ClickAsync();

    private static Task NextPageAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

    /// <summary>Once the grid has settled (a reload in flight shows a loading row and is not judged), its columns are where
    /// they were; a grid whose widths follow its rows never gets there.</summary>
    private static async Task AssertSameColumnsAsync(IPage page, int[][] expected, string when)
    {
        var settled = DateTime.UtcNow.AddSeconds(10);
        int[][] now;
        while (!Same(expected, now = await PageWidths.ColumnEdgesAsync(page)) && DateTime.UtcNow < settled)
            await page.WaitForTimeoutAsync(100);
        Assert.True(Same(expected, now), $"{when}: the columns moved from {Describe(expected)} to {Describe(now)}");
    }

    private static async Task<int[][]> SettledColumnsAsync(IPage page)
    {
        var settled = DateTime.UtcNow.AddSeconds(10);
        int[][] edges;
        while ((edges = await PageWidths.ColumnEdgesAsync(page)).Length == 0 && DateTime.UtcNow < settled) await page.WaitForTimeoutAsync(100);
        Assert.NotEmpty(edges);
        return edges;
    }

    private static bool Same(int[][] expected, int[][] now) => expected.Length == now.Length
        && expected.Zip(now).All(p => Math.Abs(p.First[0] - p.Second[0]) <= 1 && Math.Abs(p.First[1] - p.Second[1]) <= 1);

    private static async Task AssertFitsAsync(IPage page, string grid)
    {
        var widths = await PageWidths.MeasureAsync(page);
        Assert.True(widths.Page <= widths.Window, $"{grid}: the page is {widths.Page} px wide in a {widths.Window} px window");
        Assert.True(widths.Grid <= widths.GridBox, $"{grid}: the grid is {widths.Grid} px wide in its {widths.GridBox} px box");
        Assert.Empty(await PageWidths.WrappedHeadersAsync(page));
    }

    private static string Describe(int[][] edges) => string.Join(' ', edges.Select(e => $"{e[0]}-{e[1]}"));
}
