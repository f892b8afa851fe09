using Bunit;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Components.Pages.Tokens;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

/// <summary>The token grids show what needs attention: expiry in amber or red, and filters for expiring, unused and orphaned tokens.</summary>
public sealed class TokenGridAttentionTests : PortalTestContext
{
    private const long Day = 86_400;

    private async Task CreateAsync(string name, long seconds, string? ownerId = null) =>
        await Harness.Get<TokenService>().CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(ownerId, name, seconds));

    private IRenderedComponent<AppTokens> RenderPage(string expectRow)
    {
        var page = Render<AppTokens>();
        page.WaitForAssertion(() => Assert.Contains(expectRow, page.Markup));
        return page;
    }

    private static string ExpiryTone(IRenderedComponent<AppTokens> page, string name) =>
        page.FindAll("tr").Single(r => r.TextContent.Contains(name)).QuerySelector("[data-expiry]")!.GetAttribute("data-expiry")!;

    private static Task ShowAsync(IRenderedComponent<AppTokens> page, TokenAttention attention) =>
        page.InvokeAsync(() => page.FindComponent<MudSelect<TokenAttention>>().Instance.ValueChanged.InvokeAsync(attention));

    [Fact]
    public async Task ExpiryIsAmberWithinAWeekAndRedOncePassed()
    {
        await CreateAsync("gone", -1);
        await CreateAsync("this-week", 6 * Day);
        await CreateAsync("next-month", 30 * Day);

        var page = RenderPage("next-month");

        Assert.Equal("expired", ExpiryTone(page, "gone"));
        Assert.Equal("soon", ExpiryTone(page, "this-week"));
        Assert.Equal("later", ExpiryTone(page, "next-month"));
        Assert.Contains("soon", page.FindAll("tr").Single(r => r.TextContent.Contains("this-week")).QuerySelector(".token-expiry")!.ClassList);
    }

    [Fact]
    public async Task LastUseShowsTheClientAddressAndUserAgentUnderTheTime()
    {
        await CreateAsync("busy-job", 30 * Day);
        await CreateAsync("idle-job", 30 * Day);
        var used = (await Harness.Get<TokenQueries>().ListAsync(Harness.AdminActor, new TokenQuery(TokenFamily.App, Text: "busy-job"))).Value!
            .Items.Single(t => t.Name == "busy-job");
        Harness.Get<TokenUsage>().Record(used.Accessor, Harness.Time.GetUtcNow().UtcDateTime,
            new TokenClient(System.Net.IPAddress.Parse("198.51.100.23"), "report-runner/3.2"));
        await Harness.Get<TokenUsage>().FlushAsync();

        var page = RenderPage("idle-job");

        var cell = page.FindAll("tr").Single(r => r.TextContent.Contains("busy-job"))
            .QuerySelector(".token-last-used")!;
        Assert.Equal("198.51.100.23", cell.GetAttribute("data-last-used-ip"));
        Assert.Contains("from 198.51.100.23", cell.TextContent);
        Assert.Contains("report-runner/3.2", cell.TextContent);
        var never = page.FindAll("tr").Single(r => r.TextContent.Contains("idle-job")).QuerySelector(".token-last-used")!;
        Assert.Contains("never", never.TextContent);
        Assert.DoesNotContain("from", never.TextContent);
    }

    [Fact]
    public async Task ExpiringWithin7DaysShowsOnlyTokensAboutToExpire()
    {
        await CreateAsync("gone", -1);
        await CreateAsync("this-week", 6 * Day);
        await CreateAsync("in-three-weeks", 21 * Day);
        var page = RenderPage("in-three-weeks");

        await ShowAsync(page, TokenAttention.ExpiringWithin7Days);
        page.WaitForAssertion(() => Assert.DoesNotContain("in-three-weeks", page.Markup));
        Assert.Contains("this-week", page.Markup);
        Assert.DoesNotContain("gone", page.Markup);

        await ShowAsync(page, TokenAttention.ExpiringWithin30Days);
        page.WaitForAssertion(() => Assert.Contains("in-three-weeks", page.Markup));
    }

    [Fact]
    public async Task UnusedAndOwnerDeactivatedFiltersNarrowTheGrid()
    {
        var kim = await Harness.CreateUserAsync("kim");
        await CreateAsync("kims-token", 400 * Day, kim.Id);
        Harness.Time.Advance(TimeSpan.FromDays(91));
        await CreateAsync("fresh-token", 400 * Day);
        await Harness.Get<UserService>().UpdateAsync(Harness.AdminActor, kim.Id, new UpdateUserRequest(Active: false));
        var page = RenderPage("fresh-token");

        await ShowAsync(page, TokenAttention.UnusedFor90Days);
        page.WaitForAssertion(() => Assert.DoesNotContain("fresh-token", page.Markup));
        Assert.Contains("kims-token", page.Markup);

        await ShowAsync(page, TokenAttention.OwnerDeactivated);
        page.WaitForAssertion(() => Assert.Contains("kims-token", page.Markup));
        Assert.DoesNotContain("fresh-token", page.Markup);
    }
}
