using EnfixPortal.Api.Common;
using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>The portal and the API reference page run in Chromium under the Content-Security-Policy they are served with.</summary>
[Collection(PortalCollection.Name)]
public sealed class ContentSecurityPolicyTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task SigningInAndTheInteractivePortalRunWithoutAnyPolicyViolation()
    {
        var (page, violations) = await WatchedPageAsync();
        var login = new LoginPage(page);

        await login.GotoAsync();
        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        var response = await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");

        Assert.Contains("script-src 'self' 'sha256-", await response!.HeaderValueAsync("content-security-policy"));
        Assert.Equal([], await ViolationsAsync(page, violations));
    }

    [Fact]
    public async Task TheApiReferencePageRendersWithoutAnyPolicyViolation()
    {
        var (page, violations) = await WatchedPageAsync();

        await page.GotoAsync("/scalar/");
        // The first visit generates the OpenAPI document and compiles the viewer: slow on a busy machine.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enfix API", Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        Assert.Equal([], await ViolationsAsync(page, violations));
    }

    [Fact]
    public async Task AnInlineScriptInjectedIntoThePortalIsBlocked()
    {
        var (page, violations) = await WatchedPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);
        await Assertions.Expect(page.Locator("[data-interactive]")).ToHaveAttributeAsync("data-interactive", "true");

        await page.EvaluateAsync("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }""");

        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));
        Assert.Contains(await ViolationsAsync(page, violations), v => v.Contains("script-src"));
    }

    private async Task<(IPage Page, List<string> Console)> WatchedPageAsync()
    {
        var page = await Fixture.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) lock (console) console.Add(message.Text); };
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        return (page, console);
    }

    private static async Task<List<string>> ViolationsAsync(IPage page, List<string> console)
    {
        var seen = await page.EvaluateAsync<string[]>("() => window.__violations");
        lock (console) return [.. seen, .. console];
    }
}
