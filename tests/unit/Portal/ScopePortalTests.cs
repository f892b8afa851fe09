using Bunit;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

/// <summary>Scopes in the portal: chosen in the create dialog, shown as chips in the grids, filtered by.</summary>
public sealed class ScopePortalTests : PortalTestContext
{
    private async Task OpenCreateAsync(TokenFamily family)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        await Dialogs.InvokeAsync(() => dialogs.ShowAsync<CreateTokenDialog>("New token",
            new DialogParameters<CreateTokenDialog> { { d => d.Family, family } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("Create", Dialogs.Markup));
    }

    private Task LimitAsync() => Dialogs.InvokeAsync(() =>
        Dialogs.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label == "Limit to scopes").Instance.ValueChanged.InvokeAsync(true));

    private Task TypeOtherAsync(string value) => Dialogs.InvokeAsync(() =>
        Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Other scopes").Instance.ValueChanged.InvokeAsync(value));

    private Task ClickAsync(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text).ClickAsync(new());

    private async Task<IReadOnlyList<TokenView>> AppTokensAsync() =>
        (await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor, new TokenQuery(TokenFamily.App))).Value!.Items;

    [Fact]
    public async Task TheCreateDialogOffersTheBuiltInScopesAndTakesOthersTyped()
    {
        await OpenCreateAsync(TokenFamily.App);
        await LimitAsync();
        Dialogs.WaitForAssertion(() => Assert.Equal(BuiltInScopes.All.Select(s => s.Scope),
            Dialogs.FindComponents<MudChip<string>>().Select(c => c.Instance.Value)));

        await Dialogs.FindComponents<MudChip<string>>().Single(c => c.Instance.Value == "tokens:read").Find(".mud-chip").ClickAsync(new());
        await TypeOtherAsync("orders:read  orders:write");
        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("shown only once", Dialogs.Markup));
        var created = Assert.Single(await AppTokensAsync(), t => t.Scopes is not null);
        Assert.Equal(["orders:read", "orders:write", "tokens:read"], created.Scopes!.Sorted);
        Assert.Equal(["orders:read", "orders:write", "tokens:read"], Dialogs.FindAll(".scope-chip").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task ABadScopeIsExplainedUnderTheFieldAndCreatesNothing()
    {
        var before = (await AppTokensAsync()).Count;
        await OpenCreateAsync(TokenFamily.User);
        await LimitAsync();
        await TypeOtherAsync("Orders:Read");

        await ClickAsync("Create");

        var field = Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Other scopes");
        Dialogs.WaitForAssertion(() => Assert.Contains("may contain only lowercase letters", field.Markup));
        Assert.DoesNotContain("shown only once", Dialogs.Markup);
        Assert.Equal(before, (await AppTokensAsync()).Count);
    }

    [Fact]
    public async Task WithoutLimitingTheDialogMakesAFullRightsToken()
    {
        await OpenCreateAsync(TokenFamily.App);
        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("shown only once", Dialogs.Markup));
        Assert.All(await AppTokensAsync(), t => Assert.Null(t.Scopes));
    }

    [Fact]
    public async Task TheGridShowsScopesAsChipsAndFiltersByScope()
    {
        var tokens = Harness.Get<TokenService>();
        await tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "reader", Scopes: ["orders:read"]));
        await tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "writer", Scopes: ["orders:read-all", "orders:write"]));
        await tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "everything"));
        var page = Render<AppTokens>();
        page.WaitForAssertion(() => Assert.Contains("writer", page.Markup));

        var writer = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("writer"));
        Assert.Equal(["orders:read-all", "orders:write"], writer.QuerySelectorAll(".scope-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("all", page.FindAll("tbody tr").Single(r => r.TextContent.Contains("everything")).TextContent);

        await page.FindAll(".mud-input-control").Single(c => c.TextContent.Contains("Scope") && !c.TextContent.Contains("Search"))
            .QuerySelector("input")!.InputAsync(new() { Value = "orders:read" });
        Harness.Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Contains("reader", Assert.Single(page.FindAll("tbody tr")).TextContent), TimeSpan.FromSeconds(5));
    }
}
