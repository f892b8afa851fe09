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

    [Fact]
    public async Task TheChartsAxisCountsSmallValuesInWholeSteps()
    {
        await Harness.CreateAppTokenAsync(Harness.AdminActor);
        await Harness.CreateAppTokenAsync(Harness.AdminActor);

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-stat]")));
        var ticks = page.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => double.TryParse(t, out _)).Select(double.Parse).ToList();
        Assert.Equal(2, ticks.Max());
        Assert.All(ticks, t => Assert.Equal(Math.Round(t), t));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(7, 2)]
    [InlineData(137, 50)]
    [InlineData(5000, 1000)]
    public void AxisStepsAreRoundAndFitSixTicks(long max, int step) => Assert.Equal(step, ChartScale.Step(max, 6));

    private static string Stat(IRenderedComponent<Dashboard> page, string label) =>
        page.Find($"[data-stat='{label}']").TextContent.Trim();
}
