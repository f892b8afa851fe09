using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>Both token grids fit a 1280 × 800 laptop window, drawer open, without scrolling sideways, each column header on one line.</summary>
[Collection(PortalCollection.Name)]
public sealed class GridWidthTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Theory]
    [InlineData("App tokens")]
    [InlineData("User tokens")]
    public async Task TheTokenGridFitsA1280PixelWindowWithoutSidewaysScrolling(string grid)
    {
        var name = $"nightly deploy pipeline {Guid.NewGuid():N}"[..30];
        await SeedLongRowAsync(grid == "App tokens" ? TokenFamily.App : TokenFamily.User, name);
        var page = await Fixture.NewAdminPageAsync(width: 1280, height: 800);
        var tokens = grid == "App tokens" ? TokensPage.AppTokens(page) : TokensPage.UserTokens(page);

        await tokens.GotoAsync();
        await Assertions.Expect(tokens.Row(name)).ToBeVisibleAsync();

        var widths = await PageWidths.MeasureAsync(page);
        Assert.True(widths.Page <= widths.Window, $"{grid}: the page is {widths.Page} px wide in a {widths.Window} px window");
        Assert.True(widths.Grid <= widths.GridBox, $"{grid}: the grid is {widths.Grid} px wide in its {widths.GridBox} px box");
        Assert.Empty(await PageWidths.WrappedHeadersAsync(page));
    }

    /// <summary>A token whose row is as wide as real ones get: a long name and owner, issued by an administrator.</summary>
    private async Task SeedLongRowAsync(TokenFamily family, string name)
    {
        var owner = await Fixture.Server.CreateUserAsync($"margaret-hamilton-{Guid.NewGuid():N}"[..24]);
        var services = Fixture.Server.Services;
        var admin = (await services.GetRequiredService<UserQueries>().FindByNameAsync(PortalServer.AdminUserName))!;
        var actor = new Actor(admin.Id, admin.UserName, true, Door.Cli);
        var request = new CreateTokenRequest(owner.Id, name);
        var tokens = services.GetRequiredService<TokenService>();
        var created = family == TokenFamily.App ? await tokens.CreateAppTokenAsync(actor, request) : await tokens.CreateOboTokenAsync(actor, request);
        Assert.True(created.Succeeded, created.Error?.Describe());
        // Last used from an IPv6 address by a client with a long User-Agent, as real clients are.
        var usage = services.GetRequiredService<TokenUsage>();
        usage.Record(created.Value!.Token.Accessor, DateTime.UtcNow, new TokenClient(System.Net.IPAddress.Parse("2001:db8:85a3::8a2e:370:7334"),
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 EnfixDeployBot/2.1+build.20261204"));
        await usage.FlushAsync();
    }
}
