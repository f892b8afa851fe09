using Bunit;
using EnfixPortal.Components.Pages.Tokens;
using EnfixPortal.Components.Pages.Users;

namespace EnfixPortal.Tests.Portal;

/// <summary>A grid row is plain markup and buttons: no popover (a MudTooltip) per row, each of which costs a browser
/// round trip when a page of rows is shown or left. The buttons keep their hover text as a title.</summary>
public sealed class GridRowWeightTests : PortalTestContext
{
    private int PopoverCount => Popovers.FindAll(".mud-popover").Count;

    [Fact]
    public async Task AFullPageOfTokensAddsNoPopoverPerRow()
    {
        for (var i = 0; i < 25; i++) await Harness.CreateAppTokenAsync(Harness.AdminActor);

        var page = Render<AppTokens>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr").Count));

        Assert.True(PopoverCount < 25, $"{PopoverCount} popovers for 25 rows");
        var revoke = page.FindAll("tbody tr button[aria-label^='Revoke']");
        Assert.Equal(25, revoke.Count);
        Assert.All(revoke, b => Assert.Equal("Revoke (delete)", b.GetAttribute("title")));
    }

    [Fact]
    public async Task AFullPageOfUsersAddsNoPopoverPerRow()
    {
        for (var i = 0; i < 24; i++) await Harness.CreateUserAsync($"user{i:00}");

        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("tbody tr").Count));

        Assert.True(PopoverCount < 25, $"{PopoverCount} popovers for 25 rows");
        Assert.All(page.FindAll("tbody tr button[aria-label^='Edit']"), b => Assert.Equal("Edit", b.GetAttribute("title")));
    }
}
