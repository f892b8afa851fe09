using Bunit;
using EnfixPortal.Account;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using MudBlazor;
using System.Security.Claims;

namespace EnfixPortal.Tests.Portal;

/// <summary>bUnit over the real service layer (SQLite file, fake clock) with MudBlazor's providers and a signed-in admin.</summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    protected ServiceHarness Harness { get; } = new();

    public async Task InitializeAsync()
    {
        await Harness.InitializeAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddSingleton<TimeProvider>(Harness.Time);
        Services.AddSingleton<AuthenticationStateProvider>(_signedIn);
        Services.AddAuthorizationCore();
        // bUnit registers placeholders that refuse to answer; the real services check the real policies.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddCascadingAuthenticationState();
        Services.AddScoped(sp => new PortalActor(sp.GetRequiredService<AuthenticationStateProvider>()) { ClientAddress = "127.0.0.1" });
        Services.AddFallbackServiceProvider(Harness.Services);
        SignInAs(Harness.Admin, admin: true);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        if (!RendersOwnProviders)
        {
            Popovers = Render<MudPopoverProvider>();
            Dialogs = Render<MudDialogProvider>();
            Snackbars = Render<MudSnackbarProvider>();
        }
    }

    /// <summary>The layout brings MudBlazor's providers itself; pages and dialogs get them from here.</summary>
    protected virtual bool RendersOwnProviders => false;

    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = null!;
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = null!;

    private readonly SignedIn _signedIn = new();

    /// <summary>The circuit's user, as the Identity cookie would carry them: ID, name and roles.</summary>
    protected void SignInAs(UserView user, bool admin)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName)];
        if (admin) claims.Add(new Claim(ClaimTypes.Role, Roles.Admin));
        _signedIn.Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "Identity.Application")));
    }

    private sealed class SignedIn : AuthenticationStateProvider
    {
        private AuthenticationState _state = new(new ClaimsPrincipal());

        public void Set(ClaimsPrincipal user)
        {
            _state = new AuthenticationState(user);
            NotifyAuthenticationStateChanged(Task.FromResult(_state));
        }

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);
    }

    /// <summary>Clicks the confirming button of the message box now open ("Revoke", "Deactivate", ...).</summary>
    protected async Task ConfirmAsync(string button)
    {
        await Dialogs.WaitForAssertionAsync(() => Assert.NotEmpty(Dialogs.FindAll(".mud-dialog button")));
        await Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button).ClickAsync(new());
    }

    /// <summary>Types into the open dialog's text field with this label.</summary>
    protected Task TypeAsync(string label, string value) =>
        Dialogs.InvokeAsync(() => Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label).Instance.ValueChanged.InvokeAsync(value));

    /// <summary>Clicks the open dialog's button with this text.</summary>
    protected Task ClickAsync(string text) => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text).ClickAsync(new());

    protected void SnackbarSays(string text) =>
        Snackbars.WaitForAssertion(() => Assert.Contains(text, Snackbars.Markup));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Harness.DisposeAsync();
    }
}
