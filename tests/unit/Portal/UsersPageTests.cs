using Bunit;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Components.Pages.Users;
using EnfixPortal.Tests.Infrastructure;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

public sealed class UsersPageTests : PortalTestContext
{
    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Users> page, string name) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector(".user-name")?.TextContent == name);

    private IRenderedComponent<Users> RenderPage(string expect)
    {
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Contains(expect, page.Markup));
        return page;
    }

    /// <summary>A user with one app token and two OBO tokens.</summary>
    private async Task<UserView> UserWithTokensAsync(string name)
    {
        var user = await Harness.CreateUserAsync(name);
        await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(user));
        await Harness.CreateOboTokenAsync(Harness.AdminActor, userId: user.Id);
        await Harness.CreateOboTokenAsync(Harness.AdminActor, userId: user.Id);
        return user;
    }

    [Fact]
    public void NewUserSitsInTheToolbarAboveTheGridAsNewAppTokenDoes()
    {
        var users = RenderPage("admin");
        var tokens = Render<EnfixPortal.Components.Pages.Tokens.AppTokens>();
        tokens.WaitForAssertion(() => Assert.Contains("New app token", tokens.Markup));

        Assert.Equal("New user", users.Find(".mud-toolbar > button:first-child").TextContent.Trim());
        Assert.Equal("New app token", tokens.Find(".mud-toolbar > button:first-child").TextContent.Trim());
    }

    [Fact]
    public async Task UsersAreListedWithTheirActiveTokenCounts()
    {
        await UserWithTokensAsync("carol");

        var page = RenderPage("carol");

        var cells = Row(page, "carol").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("carol", cells[0]);
        Assert.Contains("admin", Row(page, "admin").QuerySelector("td .mud-chip")!.TextContent);
        Assert.Contains("active", cells);
        Assert.Equal(["1", "2"], cells.Skip(3).Take(2));
    }

    [Fact]
    public async Task ATokenMadeElsewhereUpdatesItsOwnersCountsInAnOpenPage()
    {
        var carol = await UserWithTokensAsync("carol");
        var page = RenderPage("carol");
        Assert.Equal(["1", "2"], Row(page, "carol").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).Skip(3).Take(2));

        await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(carol));

        // The fake clock stands still: only the pushed change can reload the page.
        page.WaitForAssertion(() => Assert.Equal(["2", "2"], Row(page, "carol").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).Skip(3).Take(2)));
    }

    [Fact]
    public async Task ADeactivatedUserShowsNoActiveTokensButHowManyAreSuspended()
    {
        var gina = await UserWithTokensAsync("gina");
        await Harness.Get<UserService>().UpdateAsync(Harness.AdminActor, gina.Id, new UpdateUserRequest(Active: false));

        var page = RenderPage("gina");

        var cells = Row(page, "gina").QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["0", "0"], cells.Skip(3).Take(2));
        Assert.Equal("3 tokens suspended", Row(page, "gina").QuerySelector("[data-suspended]")!.TextContent.Trim());
        Assert.Null(Row(page, "admin").QuerySelector("[data-suspended]"));
    }

    [Fact]
    public async Task SearchFindsUsersByPartOfTheirName()
    {
        await Harness.CreateUserAsync("dave");
        await Harness.CreateUserAsync("erin");
        var page = RenderPage("erin");

        await page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("dav"));

        page.WaitForAssertion(() => Assert.DoesNotContain("erin", page.Markup));
        Assert.Contains("dave", page.Markup);
    }

    [Fact]
    public async Task DeactivatingAUserStopsTheirTokensAtOnce()
    {
        var frank = await Harness.CreateUserAsync("frank");
        var app = await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(frank));
        var user = await Harness.CreateOboTokenAsync(Harness.AdminActor, userId: frank.Id);
        var page = RenderPage("frank");

        var asking = Row(page, "frank").QuerySelector("button[aria-label='Deactivate frank']")!.ClickAsync(new());
        await ConfirmAsync("Deactivate");
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Contains("deactivated", Row(page, "frank").TextContent));
        Assert.False((await Harness.Get<TokenValidator>().ValidateAsync(app.Secret, user.Secret)).Succeeded);
        await Row(page, "frank").QuerySelector("button[aria-label='Reactivate frank']")!.ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("active", Row(page, "frank").TextContent));
        Assert.True((await Harness.Get<TokenValidator>().ValidateAsync(app.Secret, user.Secret)).Succeeded);
    }

    [Fact]
    public async Task TheLastAdministratorCannotBeDeactivatedAndThePageSaysWhy()
    {
        var page = RenderPage("admin");

        var asking = Row(page, "admin").QuerySelector("button[aria-label='Deactivate admin']")!.ClickAsync(new());
        await ConfirmAsync("Deactivate");
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        SnackbarSays("This is the last active administrator");
        Assert.Contains("active", Row(page, "admin").TextContent);
    }

    [Fact]
    public async Task RevokeAllExpiresEveryTokenOfTheUser()
    {
        var gina = await Harness.CreateUserAsync("gina");
        await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(gina));
        await Harness.CreateOboTokenAsync(Harness.AdminActor, userId: gina.Id);
        var page = RenderPage("gina");

        var asking = Row(page, "gina").QuerySelector("button[aria-label='Expire all tokens of gina']")!.ClickAsync(new());
        await ConfirmAsync("Expire all");
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        SnackbarSays("Expired 2 tokens of gina");
        page.WaitForAssertion(() => Assert.Equal(["0", "0"], Row(page, "gina").QuerySelectorAll("td").Skip(3).Take(2).Select(c => c.TextContent.Trim())));
    }
}
