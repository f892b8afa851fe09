using Bunit;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using EnfixPortal.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

public sealed class UserDialogsTests : PortalTestContext
{
    [Fact]
    public async Task BothPasswordDialogsStateTheConfiguredRulesBeforeAnythingIsTyped()
    {
        var jack = await Harness.CreateUserAsync("jack");
        var dialogs = Services.GetRequiredService<IDialogService>();
        var length = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.Password.RequiredLength;
        var rules = $"At least {length} characters, with a lowercase letter, an uppercase letter, a digit and a symbol such as ! or -.";

        await Dialogs.InvokeAsync(() => dialogs.ShowAsync<CreateUserDialog>("New user"));
        Dialogs.WaitForAssertion(() => Assert.Contains(rules, Dialogs.Find(".mud-input-helper-text").TextContent));
        await Dialogs.InvokeAsync(() => dialogs.ShowAsync<ResetPasswordDialog>("Reset", new DialogParameters<ResetPasswordDialog> { { d => d.User, jack } }));
        Dialogs.WaitForAssertion(() => Assert.Contains(rules, Dialogs.FindAll(".mud-input-helper-text").Last().TextContent));
    }

    [Fact]
    public async Task CreatingAUserWithAWeakPasswordShowsWhyUnderThePassword()
    {
        await Dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateUserDialog>("New user"));
        Dialogs.WaitForAssertion(() => Assert.Contains("Username", Dialogs.Markup));
        await TypeAsync("Username", "henry");
        await TypeAsync("Password", "short");

        await ClickAsync("Create");

        var password = Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Password");
        Dialogs.WaitForAssertion(() => Assert.Contains("Passwords must be at least 8 characters", password.Markup));
        Assert.Null(await Harness.Get<UserQueries>().FindByNameAsync("henry"));
    }

    [Fact]
    public async Task CreatingAnAdministratorSavesTheUserWithTheRole()
    {
        var reference = await Dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateUserDialog>("New user"));
        Dialogs.WaitForAssertion(() => Assert.Contains("Username", Dialogs.Markup));
        await TypeAsync("Username", "irene");
        await TypeAsync("Password", "Irene-Passw0rd!");
        await TypeAsync("Email", "irene@example.com");
        await Dialogs.InvokeAsync(() => Dialogs.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));

        await ClickAsync("Create");

        Assert.False((await reference.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled);
        var irene = await Harness.Get<UserQueries>().FindByNameAsync("irene");
        Assert.True(irene!.Admin);
        Assert.Equal("irene@example.com", irene.Email);
    }

    [Fact]
    public async Task ResettingAPasswordLetsTheUserSignInWithTheNewOne()
    {
        var jack = await Harness.CreateUserAsync("jack");
        var reference = await Dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ResetPasswordDialog>("Reset",
            new DialogParameters<ResetPasswordDialog> { { d => d.User, jack } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("New password", Dialogs.Markup));
        await TypeAsync("New password", "Jack-N3w-Passw0rd!");

        await ClickAsync("Reset password");

        Assert.False((await reference.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled);
        var signIn = Harness.Get<PasswordSignIn>();
        Assert.True((await signIn.CheckAsync(Harness.AdminActor, "jack", "Jack-N3w-Passw0rd!")).Succeeded);
        Assert.False((await signIn.CheckAsync(Harness.AdminActor, "jack", "Us3r-Passw0rd!")).Succeeded);
    }

    [Fact]
    public async Task TheResetDialogSaysWhichTokensEndAndTheResetEndsExactlyThose()
    {
        var kate = await Harness.CreateUserAsync("kate");
        var app = await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(kate));
        var obo = await Harness.CreateOboTokenAsync(ServiceHarness.ActorFor(kate));
        var reference = await Dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ResetPasswordDialog>("Reset",
            new DialogParameters<ResetPasswordDialog> { { d => d.User, kate } }));
        Dialogs.WaitForAssertion(() => Assert.Contains("New password", Dialogs.Markup));

        Assert.Contains("Every user token of theirs — login and OBO — stops working at once", Dialogs.Markup);
        Assert.Contains("Their app tokens are kept", Dialogs.Markup);
        await TypeAsync("New password", "Kate-N3w-Passw0rd!");
        await ClickAsync("Reset password");

        Assert.False((await reference.Result.WaitAsync(TimeSpan.FromSeconds(10)))!.Canceled);
        var validator = Harness.Get<TokenValidator>();
        Assert.False((await validator.ValidateAsync(app.Secret, obo.Secret)).Succeeded);
        var fresh = await Harness.CreateOboTokenAsync(ServiceHarness.ActorFor(kate));
        Assert.True((await validator.ValidateAsync(app.Secret, fresh.Secret)).Succeeded);
    }
}
