using Bunit;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Portal;

/// <summary>What an administrator types into "Search name, owner, hint" on the App tokens page.</summary>
public sealed class TokenGridSearchTests : PortalTestContext
{
    private async Task CreateAsync(string name, string? userId = null) =>
        Assert.True((await Harness.Get<TokenService>().CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(userId, name))).Succeeded);

    /// <summary>Types into the search box and lets its debounce pass (on the portal's clock).</summary>
    private async Task TypeAsync(IRenderedComponent<AppTokens> page, string text)
    {
        await page.FindAll(".mud-input-control").Single(c => c.TextContent.Contains("Search name, owner, hint"))
            .QuerySelector("input")!.InputAsync(new() { Value = text });
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private static string[] Rows(IRenderedComponent<AppTokens> page) =>
        page.FindAll("tbody tr").Select(r => r.TextContent).ToArray();

    [Fact]
    public async Task TypedTextFindsTokensWhoseNameOrOwnerContainsIt()
    {
        var bob = await Harness.CreateUserAsync("bob");
        await CreateAsync("ci-deploy");
        await CreateAsync("<b>html</b>");
        await CreateAsync("release");
        await CreateAsync("zulu", bob.Id);
        var page = Render<AppTokens>();
        page.WaitForAssertion(() => Assert.Contains("zulu", page.Markup));

        await TypeAsync(page, "deploy");
        page.WaitForAssertion(() => Assert.Contains("ci-deploy", Assert.Single(Rows(page))), TimeSpan.FromSeconds(5));

        await TypeAsync(page, "HTML");
        page.WaitForAssertion(() => Assert.Contains("<b>html</b>", Assert.Single(Rows(page))), TimeSpan.FromSeconds(5));

        await TypeAsync(page, "admin");
        page.WaitForAssertion(() => Assert.DoesNotContain(Rows(page), r => r.Contains("zulu")), TimeSpan.FromSeconds(5));
        Assert.Equal(3, Rows(page).Count(r => r.Contains("admin")));
    }

    [Fact]
    public async Task AQueryParameterOpensTheGridSearchedForAnAccessor()
    {
        await CreateAsync("alpha");
        var beta = (await Harness.Get<TokenService>().CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "beta"))).Value!;
        Services.GetRequiredService<NavigationManager>().NavigateTo("app-tokens?q=" + beta.Token.Accessor);

        var page = Render<AppTokens>();

        page.WaitForAssertion(() => Assert.Contains("beta", Assert.Single(Rows(page))));
        Assert.Equal(beta.Token.Accessor, page.FindAll(".mud-input-control").Single(c => c.TextContent.Contains("Search name, owner, hint"))
            .QuerySelector("input")!.GetAttribute("value"));
    }
}
