using Bunit;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

public sealed class CreateTokenDialogTests : PortalTestContext
{
    private async Task OpenAsync(TokenFamily family)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        await Dialogs.InvokeAsync(() => dialogs.ShowAsync<CreateTokenDialog>("New token",
            new DialogParameters<CreateTokenDialog> { { d => d.Family, family } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("Create", Dialogs.Markup));
    }

    [Fact]
    public async Task CreatingAnAppTokenShowsItsSecretOnceWithAWarning()
    {
        await OpenAsync(TokenFamily.App);
        await TypeAsync("Name", "ci pipeline");
        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("shown only once", Dialogs.Markup));
        var secret = Dialogs.Find("#new-secret").GetAttribute("value")!;
        Assert.Matches("^[0-9a-f]{32}$", secret);
        var user = await Harness.CreateOboTokenAsync(Harness.AdminActor);
        Assert.True((await Harness.Get<TokenValidator>().ValidateAsync(secret, user.Secret)).Succeeded);

        await ClickAsync("Done");
        Dialogs.WaitForAssertion(() => Assert.DoesNotContain(secret, Dialogs.Markup));
    }

    [Fact]
    public async Task LifetimePresetsRunFromOneHourToTheDefault()
    {
        await OpenAsync(TokenFamily.User);
        var select = Dialogs.FindComponent<MudSelect<string>>();
        await Dialogs.InvokeAsync(() => select.Instance.OpenMenu());

        Dialogs.WaitForAssertion(() => Assert.Contains("Default (1 day)", Markup()));
        Assert.Contains("1 hour", Markup());
        Assert.DoesNotContain("7 days", Markup());
    }

    [Fact]
    public async Task ATooLargeCustomLifetimeIsExplainedNextToTheField()
    {
        await OpenAsync(TokenFamily.App);
        var select = Dialogs.FindComponent<MudSelect<string>>();
        await Dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("custom"));
        var seconds = Dialogs.FindComponent<MudNumericField<long?>>();
        await Dialogs.InvokeAsync(() => seconds.Instance.ValueChanged.InvokeAsync(long.MaxValue));

        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("may be at most 6311520000 for app tokens (Enfix:Tokens:MaxAppTokenLifetime", seconds.Markup));
        Assert.DoesNotContain("shown only once", Dialogs.Markup);
    }

    [Fact]
    public async Task AnOboTokenForADeactivatedUserIsRefusedNextToThePicker()
    {
        var bob = await Harness.CreateUserAsync("bob");
        await OpenAsync(TokenFamily.User);
        var picker = Dialogs.FindComponent<MudAutocomplete<EnfixPortal.Api.Users.UserView>>();
        await Dialogs.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(bob));
        await Harness.Get<EnfixPortal.Api.Users.UserService>().UpdateAsync(Harness.AdminActor, bob.Id, new EnfixPortal.Api.Users.UpdateUserRequest(Active: false));

        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("This user is deactivated", picker.Markup));
    }

    [Fact]
    public async Task TheCreateDialogOffersTheBuiltInScopesAndTakesOthersTyped()
    {
        await OpenAsync(TokenFamily.App);
        await LimitAsync();
        Dialogs.WaitForAssertion(() => Assert.Equal(BuiltInScopes.All.Select(s => s.Scope),
            Dialogs.FindComponents<MudChip<string>>().Select(c => c.Instance.Value)));

        await Dialogs.FindComponents<MudChip<string>>().Single(c => c.Instance.Value == "tokens:read").Find(".mud-chip").ClickAsync(new());
        await TypeAsync("Other scopes", "orders:read  orders:write");
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
        await OpenAsync(TokenFamily.User);
        await LimitAsync();
        await TypeAsync("Other scopes", "Orders:Read");

        await ClickAsync("Create");

        var field = Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Other scopes");
        Dialogs.WaitForAssertion(() => Assert.Contains("may contain only lowercase letters", field.Markup));
        Assert.DoesNotContain("shown only once", Dialogs.Markup);
        Assert.Equal(before, (await AppTokensAsync()).Count);
    }

    [Fact]
    public async Task WithoutLimitingTheDialogMakesAFullRightsToken()
    {
        await OpenAsync(TokenFamily.App);
        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("shown only once", Dialogs.Markup));
        Assert.All(await AppTokensAsync(), t => Assert.Null(t.Scopes));
    }

    private Task LimitAsync() => Dialogs.InvokeAsync(() =>
        Dialogs.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label == "Limit to scopes").Instance.ValueChanged.InvokeAsync(true));

    private async Task<IReadOnlyList<TokenView>> AppTokensAsync() =>
        (await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor, new TokenQuery(TokenFamily.App))).Value!.Items;

    private string Markup() => Dialogs.Markup + Popovers.Markup;
}
