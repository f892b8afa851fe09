using Bunit;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

/// <summary>The lifetime choices of the create and change-expiry dialogs: a safe suggestion, a warning on very long lives,
/// and nothing offered beyond what the service accepts.</summary>
public sealed class LifetimePickerTests : PortalTestContext
{
    private IDialogService DialogService => Services.GetRequiredService<IDialogService>();

    private async Task<IDialogReference> CreateDialogAsync(TokenFamily family)
    {
        var reference = await Dialogs.InvokeAsync(() => DialogService.ShowAsync<CreateTokenDialog>("New token",
            new DialogParameters<CreateTokenDialog> { { d => d.Family, family } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("Create", Dialogs.Markup));
        return reference;
    }

    private async Task<string> ChoicesAsync()
    {
        var select = Dialogs.FindComponent<MudSelect<string>>();
        await Dialogs.InvokeAsync(() => select.Instance.OpenMenu());
        Popovers.WaitForAssertion(() => Assert.Contains("Custom (seconds)", Popovers.Markup));
        return string.Join("|", Popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()));
    }

    private Task ChooseAsync(string key) =>
        Dialogs.InvokeAsync(() => Dialogs.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(key));

    [Fact]
    public async Task AnAppTokenCreatedWithoutChoosingLives30Days()
    {
        await CreateDialogAsync(TokenFamily.App);
        Assert.Empty(Dialogs.FindAll("[data-lifetime-warning]"));

        await ClickAsync("Create");

        Dialogs.WaitForAssertion(() => Assert.Contains("shown only once", Dialogs.Markup));
        var token = Assert.Single((await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor, new TokenQuery(TokenFamily.App))).Value!.Items);
        Assert.Equal(Harness.Time.GetUtcNow().UtcDateTime.AddDays(30), token.ExpiresAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ChoosingNoExpirationShowsAWarningBeforeCreating()
    {
        await CreateDialogAsync(TokenFamily.App);
        Assert.Contains("No expiration (200 years)", await ChoicesAsync());

        await ChooseAsync("default");

        Dialogs.WaitForAssertion(() => Assert.Contains("This token will not expire for 200 years", Dialogs.Find("[data-lifetime-warning]").TextContent));
        await ChooseAsync((90 * 86400).ToString());
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-lifetime-warning]")));
    }

    [Fact]
    public async Task ChangingAnOboTokensExpiryOffersNothingBeyondItsOneDayMaximum()
    {
        var obo = (await Harness.CreateOboTokenAsync(Harness.AdminActor)).Token;
        await Dialogs.InvokeAsync(() => DialogService.ShowAsync<ChangeExpiryDialog>("Change expiry",
            new DialogParameters<ChangeExpiryDialog> { { d => d.Token, obo }, { d => d.Family, TokenFamily.User } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("Save", Dialogs.Markup));

        var choices = await ChoicesAsync();

        Assert.Equal("1 hour|8 hours|1 day|Custom (seconds)", choices);
    }
}
