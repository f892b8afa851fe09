using Bunit;
using EnfixPortal.Tests.Infrastructure;
using EnfixPortal.Api.Sessions;
using SessionsPage = EnfixPortal.Components.Pages.Sessions.Sessions;

namespace EnfixPortal.Tests.Portal;

public sealed class SessionsPageTests : PortalTestContext
{
    [Fact]
    public async Task TheAdminSeesTheirSessionsEndsOneAndEndsAllOfAnotherUsers()
    {
        var sessions = Harness.Get<PortalSessions>();
        await sessions.StartAsync(Harness.Admin.Id, "192.0.2.7", "Firefox on the laptop");
        var kate = await Harness.CreateUserAsync("kate", admin: true);
        await sessions.StartAsync(kate.Id, "198.51.100.9", "Kate's browser");

        var page = Render<SessionsPage>();
        page.WaitForAssertion(() => Assert.Contains("Firefox on the laptop", page.Markup));
        Assert.Contains("192.0.2.7", page.Markup);
        Assert.DoesNotContain("Kate's browser", page.Markup);

        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "End").Click());
        page.WaitForAssertion(() => Assert.DoesNotContain("Firefox on the laptop", page.Markup));

        page.Find("input").Change("kate");
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("End all sessions")).Click());

        page.WaitForAssertion(() => Assert.Contains("Ended 1 sessions of kate.", Snackbars.Markup));
        Assert.Empty((await sessions.ListOwnAsync(ServiceHarness.ActorFor(kate))).Value!);
    }

    [Fact]
    public async Task ASignInAndASignOutElsewhereShowInTheOpenPageWithoutAReload()
    {
        var sessions = Harness.Get<PortalSessions>();
        var page = Render<SessionsPage>();
        page.WaitForAssertion(() => Assert.Contains("No sessions.", page.Markup));

        var phone = await sessions.StartAsync(Harness.Admin.Id, "203.0.113.5", "Browser on the phone");

        // The fake clock stands still: only the pushed change can reload the page.
        page.WaitForAssertion(() => Assert.Contains("Browser on the phone", page.Markup));
        await sessions.EndAsync(phone);
        page.WaitForAssertion(() => Assert.DoesNotContain("Browser on the phone", page.Markup));
    }
}
