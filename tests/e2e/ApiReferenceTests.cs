using EnfixPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class ApiReferenceTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task ReferencePageRendersTheGeneratedDocumentInChromium()
    {
        var page = await Fixture.NewPageAsync();

        await page.GotoAsync("/scalar/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enfix API", Exact = true })).ToBeVisibleAsync();
        foreach (var tag in new[] { "Login", "App tokens", "User and OBO tokens", "Users" })
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Open Group - {tag}", Exact = true })).ToBeVisibleAsync();
    }
}
