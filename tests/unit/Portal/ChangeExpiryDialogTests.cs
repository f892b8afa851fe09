using Bunit;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

public sealed class ChangeExpiryDialogTests : PortalTestContext
{
    [Fact]
    public async Task SavingWithoutAChoiceKeepsTheTokensRemainingLifetime()
    {
        var token = (await Harness.CreateAppTokenAsync(Harness.AdminActor)).Token;
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await Dialogs.InvokeAsync(() => dialogs.ShowAsync<ChangeExpiryDialog>("Change expiry",
            new DialogParameters<ChangeExpiryDialog> { { d => d.Token, token }, { d => d.Family, TokenFamily.App } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("in 200 years", Dialogs.Markup));

        await Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new());

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result!.Canceled);
        var changed = await Harness.Get<TokenQueries>().GetAsync(Harness.AdminActor, TokenFamily.App, token.Accessor);
        Assert.Equal(token.ExpiresAt, changed.Value!.ExpiresAt);
    }
}
