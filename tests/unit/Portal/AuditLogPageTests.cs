using Bunit;
using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Users;
using AuditLog = EnfixPortal.Components.Pages.Audit.AuditLog;
using EnfixPortal.Tests.Infrastructure;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

public sealed class AuditLogPageTests : PortalTestContext
{
    [Fact]
    public async Task EventsAreListedNewestFirstAndFilteredByAction()
    {
        var kate = await Harness.CreateUserAsync("kate");
        await Harness.CreateAppTokenAsync(ServiceHarness.ActorFor(kate));
        var page = Render<AuditLog>();
        page.WaitForAssertion(() => Assert.Contains(AuditActions.AppTokenCreated, page.Markup));
        Assert.Contains(AuditActions.UserCreated, page.Markup);
        Assert.StartsWith(AuditActions.AppTokenCreated, page.FindAll("tbody tr code").First().TextContent);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(AuditActions.UserCreated));

        page.WaitForAssertion(() => Assert.DoesNotContain(AuditActions.AppTokenCreated, page.Find("tbody").TextContent));
        Assert.Contains("kate", page.Find("tbody").TextContent);
        Assert.Contains("action=user.created", page.Find("a[download]").GetAttribute("href"));
    }

    [Fact]
    public async Task ANonAdminRefusedAtThePortalIsListedAsAFailedRefusalAndFilteredAlone()
    {
        await Harness.CreateUserAsync("clerk");
        await Harness.Get<PasswordSignIn>().CheckAdminAsync(new Actor(null, null, false, Door.Portal), "clerk", "Us3r-Passw0rd!");
        var page = Render<AuditLog>();
        page.WaitForAssertion(() => Assert.Contains(AuditActions.LoginRefused, page.Markup));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(AuditActions.LoginRefused));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        var row = page.Find("tbody tr").TextContent;
        Assert.Contains("clerk", row);
        Assert.Contains("failure", row);
        Assert.Contains("not an administrator", row);
        Assert.DoesNotContain(AuditActions.LoginSucceeded, page.Find("tbody").TextContent);
        Assert.Contains(AuditActions.LoginRefused, AuditQueries.KnownActions);
    }
}
