using Bunit;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Users;
using EnfixPortal.Components.Pages.Dashboard;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Portal;

public sealed class DashboardPageTests : PortalTestContext
{
    [Fact]
    public async Task CardsCountActiveTokensExpiringTokensAndLoginsAndTheChartIsDrawn()
    {
        await Harness.CreateAppTokenAsync(Harness.AdminActor);
        await Harness.CreateAppTokenAsync(Harness.AdminActor, seconds: 2 * 86400);
        await Harness.CreateOboTokenAsync(Harness.AdminActor);
        var signIn = Harness.Get<PasswordSignIn>();
        var portal = new Actor(null, null, false, Door.Portal);
        await signIn.CheckAsync(portal, "admin", ServiceHarness.AdminPassword);
        await signIn.CheckAsync(portal, "admin", "wrong");

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-stat]")));
        Assert.Equal("2", Stat(page, "Active app tokens"));
        Assert.Equal("1", Stat(page, "Active user tokens"));
        Assert.Equal("2", Stat(page, "Expiring within 7 days"));
        Assert.Equal("1", Stat(page, "Logins, last 24 h"));
        Assert.Equal("1", Stat(page, "Failed logins, last 24 h"));
        Assert.Contains("Tokens issued", page.Markup);
        Assert.NotEmpty(page.FindAll("svg"));
    }

    [Fact]
    public async Task ACountPastTheLimitIsShownAsTenThousandPlus()
    {
        await Harness.SeedAppTokensAsync(10_001, TimeSpan.FromDays(30));
        await Harness.CreateOboTokenAsync(Harness.AdminActor);

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-stat]")));
        Assert.Equal("10,000+", Stat(page, "Active app tokens"));
        Assert.Equal("more than 10,000", page.Find("[data-stat='Active app tokens']").GetAttribute("title"));
        Assert.Equal("1", Stat(page, "Active user tokens"));
        Assert.Null(page.Find("[data-stat='Active user tokens']").GetAttribute("title"));
    }

    private static string Stat(IRenderedComponent<Dashboard> page, string label) =>
        page.Find($"[data-stat='{label}']").TextContent.Trim();
}
