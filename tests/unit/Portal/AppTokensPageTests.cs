using Bunit;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;

namespace EnfixPortal.Tests.Portal;

public sealed class AppTokensPageTests : PortalTestContext
{
    private async Task<CreatedToken> CreateAsync(string name, long? seconds = null)
    {
        var created = await Harness.Get<TokenService>().CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: name, SecondsUntilExpire: seconds));
        return created.Value!;
    }

    private IRenderedComponent<AppTokens> RenderPage(string expectRow)
    {
        var page = Render<AppTokens>();
        page.WaitForAssertion(() => Assert.Contains(expectRow, page.Markup));
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<AppTokens> page, string name) =>
        page.FindAll("tr").Single(r => r.TextContent.Contains(name));

    [Fact]
    public async Task GridShowsHintNameOwnerExpiryAndStatusOfEachToken()
    {
        var token = await CreateAsync("deploy-bot", seconds: 3 * 86400);
        await CreateAsync("old-one", seconds: -1);

        var page = RenderPage("deploy-bot");

        var row = Row(page, "deploy-bot").TextContent;
        Assert.Contains($"{token.Secret[..4]}…", row);
        Assert.Contains("admin", row);
        Assert.Contains("in 3 days", row);
        Assert.Contains("active", row);
        Assert.Contains("expired", Row(page, "old-one").TextContent);
    }

    [Fact]
    public async Task AGridPastItsCountLimitSaysMoreThanInsteadOfCountingOn()
    {
        for (var i = 0; i < 3; i++) await CreateAsync($"many-{i}");

        var limited = Render<TokenGrid>(p => p.Add(g => g.Family, TokenFamily.App).Add(g => g.CountLimit, 2));
        var exact = Render<TokenGrid>(p => p.Add(g => g.Family, TokenFamily.App).Add(g => g.CountLimit, 3));

        limited.WaitForAssertion(() => Assert.Contains("More than 2 tokens match", limited.Markup));
        exact.WaitForAssertion(() => Assert.Contains("many-0", exact.Markup));
        Assert.DoesNotContain("More than", exact.Markup);
    }

    [Fact]
    public async Task SearchNarrowsTheGridToMatchingTokens()
    {
        await CreateAsync("alpha-live");
        await CreateAsync("beta-gone", seconds: -1);
        var page = RenderPage("beta-gone");

        await page.InvokeAsync(() => page.FindComponent<MudBlazor.MudTextField<string>>().Instance.ValueChanged.InvokeAsync("alpha"));

        page.WaitForAssertion(() => Assert.DoesNotContain("beta-gone", page.Markup));
        Assert.Contains("alpha-live", page.Markup);
    }

    [Fact]
    public async Task ExpireNowAsksFirstThenExpiresTheTokenAndTheApiRefusesIt()
    {
        var token = await CreateAsync("expire-me");
        var user = await Harness.CreateOboTokenAsync(Harness.AdminActor);
        var page = RenderPage("expire-me");

        var asking = Row(page, "expire-me").QuerySelector("button[aria-label^='Expire']")!.ClickAsync(new());
        await Dialogs.WaitForAssertionAsync(() => Assert.Contains("Expire token?", Dialogs.Markup));
        Assert.Contains("active", Row(page, "expire-me").TextContent);
        await ConfirmAsync("Expire");
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Contains("expired", Row(page, "expire-me").TextContent));
        Assert.False((await Harness.Get<TokenValidator>().ValidateAsync(token.Secret, user.Secret)).Succeeded);
        SnackbarSays("Expired expire-me");
    }

    [Fact]
    public async Task RegenerateShowsTheNewSecretOnceAndTheOldOneWorksForTheGraceChosen()
    {
        var token = await CreateAsync("regenerate-me");
        var user = await Harness.CreateOboTokenAsync(Harness.AdminActor);
        var page = RenderPage("regenerate-me");

        var asking = Row(page, "regenerate-me").QuerySelector("button[aria-label^='Regenerate']")!.ClickAsync(new());
        await Dialogs.WaitForAssertionAsync(() => Assert.Contains("Old secret keeps working", Dialogs.Markup));
        var select = Dialogs.FindComponent<MudBlazor.MudSelect<long>>();
        await Dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(86_400L));
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Regenerate").ClickAsync(new());
        await Dialogs.WaitForAssertionAsync(() => Assert.Contains("the old one works for 1 day more", Dialogs.Markup));
        var secret = Dialogs.Find("#new-secret").GetAttribute("value")!;
        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Done").ClickAsync(new());
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(token.Secret, secret);
        var validator = Harness.Get<TokenValidator>();
        Assert.True((await validator.ValidateAsync(secret, user.Secret)).Succeeded);
        Assert.True((await validator.ValidateAsync(token.Secret, user.Secret)).Succeeded);
        page.WaitForAssertion(() => Assert.Contains(secret[..4], Row(page, "regenerate-me").TextContent));
    }

    [Fact]
    public async Task RevokeAsksFirstThenDeletesTheToken()
    {
        await CreateAsync("revoke-me");
        var page = RenderPage("revoke-me");

        var asking = Row(page, "revoke-me").QuerySelector("button[aria-label^='Revoke']")!.ClickAsync(new());
        await ConfirmAsync("Revoke");
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.DoesNotContain("revoke-me", page.Markup));
        var left = await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor, new TokenQuery(TokenFamily.App, Text: "revoke-me"));
        Assert.Equal(0, left.Value!.Total);
    }

    [Fact]
    public async Task SelectedRowsAreExpiredTogether()
    {
        await CreateAsync("bulk-one");
        await CreateAsync("bulk-two");
        await CreateAsync("bulk-keep");
        var page = RenderPage("bulk-two");

        foreach (var name in new[] { "bulk-one", "bulk-two" })
            await Row(page, name).QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        page.WaitForAssertion(() => Assert.Contains("2 selected", page.Markup));
        var asking = page.FindAll("button").Single(b => b.TextContent.Contains("Expire selected")).ClickAsync(new());
        await ConfirmAsync("Expire");
        await asking.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Contains("expired", Row(page, "bulk-two").TextContent));
        Assert.Contains("expired", Row(page, "bulk-one").TextContent);
        Assert.Contains("active", Row(page, "bulk-keep").TextContent);
    }

    [Fact]
    public async Task AChangeElsewhereKeepsTheTicksThatAreStillShownAndTheCountMatchesThem()
    {
        await CreateAsync("tick-one");
        var other = await CreateAsync("tick-gone");
        var page = RenderPage("tick-gone");
        foreach (var name in new[] { "tick-one", "tick-gone" })
            await Row(page, name).QuerySelector("input[type=checkbox]")!.ChangeAsync(new() { Value = true });
        page.WaitForAssertion(() => Assert.Contains("2 selected", page.Markup));

        await Harness.Get<TokenService>().DeleteAsync(Harness.AdminActor, TokenFamily.App, other.Token.Accessor);

        page.WaitForAssertion(() => Assert.DoesNotContain("tick-gone", page.Markup));
        page.WaitForAssertion(() => Assert.Contains("1 selected", page.Markup));
        var ticked = page.FindAll("tbody input[type=checkbox]").Where(box => box.HasAttribute("checked")).ToList();
        Assert.Single(ticked);
        Assert.Contains("tick-one", ticked[0].Closest("tr")!.TextContent);
    }

    [Fact]
    public async Task ATokenMadeThroughAnotherDoorAppearsWithoutAReload()
    {
        await CreateAsync("first");
        var page = RenderPage("first");

        await CreateAsync("made-by-the-api");

        page.WaitForAssertion(() => Assert.Contains("made-by-the-api", page.Markup));
    }
}
