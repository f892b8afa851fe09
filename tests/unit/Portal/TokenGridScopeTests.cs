using Bunit;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Pages.Tokens;

namespace EnfixPortal.Tests.Portal;

/// <summary>Scopes in the token grids: chips in each row, and the Scope filter.</summary>
public sealed class TokenGridScopeTests : PortalTestContext
{
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
