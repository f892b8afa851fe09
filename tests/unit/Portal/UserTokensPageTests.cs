using Bunit;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;
using EnfixPortal.Tests.Infrastructure;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

public sealed class UserTokensPageTests : PortalTestContext
{
    [Fact]
    public async Task GridShowsKindAndWhoIssuedEachToken()
    {
        var bob = await Harness.CreateUserAsync("bob");
        await Harness.Get<TokenService>().CreateOboTokenAsync(Harness.AdminActor, new CreateTokenRequest(bob.Id, "bob-obo"));
        await Harness.Get<TokenService>().IssueLoginTokenAsync(ServiceHarness.ActorFor(bob), (await FindUserAsync("bob"))!, null);

        var page = Render<UserTokens>();

        page.WaitForAssertion(() => Assert.Contains("bob-obo", page.Markup));
        var rows = page.FindAll("tr").Where(r => r.TextContent.Contains("bob")).Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("bob-obo") && r.Contains("OBO") && r.Contains("admin"));
        Assert.Contains(rows, r => r.Contains("login") && !r.Contains("bob-obo"));
    }

    [Fact]
    public async Task ANewOboTokenIsInTheGridWhenItsDialogCloses()
    {
        var page = Render<UserTokens>();
        page.WaitForAssertion(() => Assert.Contains("No tokens match", page.Markup));

        var creating = page.FindAll("button").Single(b => b.TextContent.Trim() == "New OBO token").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("Create", Dialogs.Markup));
        await Dialogs.InvokeAsync(() => Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Name")
            .Instance.ValueChanged.InvokeAsync("fresh obo"));
        await DialogButton("Create").ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains("shown only once", Dialogs.Markup));
        await DialogButton("Done").ClickAsync(new());
        await creating.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.True(page.Find("tbody").TextContent.Contains("fresh obo"),
            $"Grid: {page.Find("tbody").TextContent} snackbar: {Snackbars.Markup}"), TimeSpan.FromSeconds(2));
    }

    private AngleSharp.Dom.IElement DialogButton(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public async Task KindFilterShowsOnlyOboTokens()
    {
        var bob = await Harness.CreateUserAsync("bob");
        await Harness.Get<TokenService>().CreateOboTokenAsync(Harness.AdminActor, new CreateTokenRequest(bob.Id, "bob-obo"));
        await Harness.Get<TokenService>().IssueLoginTokenAsync(ServiceHarness.ActorFor(bob), (await FindUserAsync("bob"))!, null);
        var page = Render<UserTokens>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count(r => r.TextContent.Contains("bob"))));

        var kind = page.FindComponent<MudSelect<TokenKind?>>();
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(TokenKind.Obo));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr"), r => r.TextContent.Contains("bob")));
        Assert.Contains("bob-obo", page.Markup);
    }

    private Task<EnfixUser?> FindUserAsync(string name) =>
        Harness.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Users, u => u.UserName == name));
}
