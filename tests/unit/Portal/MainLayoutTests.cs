using Bunit;
using EnfixPortal.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace EnfixPortal.Tests.Portal;

public sealed class MainLayoutTests : PortalTestContext
{
    protected override bool RendersOwnProviders => true;

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<h1>Body</h1>"))));

    [Fact]
    public void DrawerLinksToEveryPageAndTheUserMenuNamesTheAdmin()
    {
        var layout = RenderLayout();

        var links = layout.FindAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Dashboard", ""), ("App tokens", "app-tokens"), ("User tokens", "user-tokens"), ("Users", "users"), ("Audit log", "audit"), ("Webhooks", "webhooks"), ("Sessions", "sessions")], links);
        Assert.Contains("admin", layout.Find("[aria-label='Account menu']").TextContent);
        Assert.Equal("true", layout.Find("[data-interactive]").GetAttribute("data-interactive"));
    }

    [Fact]
    public async Task ThemeSwitchTurnsDarkAndRemembersTheChoice()
    {
        var layout = RenderLayout();

        await layout.Find("button[aria-label='Switch to dark mode']").ClickAsync(new());

        Assert.NotNull(layout.Find("button[aria-label='Switch to light mode']"));
        var saved = JSInterop.Invocations["enfixPortal.saveTheme"].Single();
        Assert.Equal(true, saved.Arguments[0]);
    }
}
