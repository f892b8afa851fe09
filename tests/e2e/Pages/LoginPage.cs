using Microsoft.Playwright;

namespace EnfixPortal.E2E.Pages;

/// <summary>The static sign-in form at /account/login.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator UserName => page.GetByLabel("Username");
    public ILocator Password => page.GetByLabel("Password");
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
    public ILocator Error => page.GetByRole(AriaRole.Alert);
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 });

    public async Task GotoAsync(string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/account/login" : $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await Assertions.Expect(Heading).ToBeVisibleAsync();
    }

    public async Task SignInAsync(string userName, string password)
    {
        await UserName.FillAsync(userName);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }
}
