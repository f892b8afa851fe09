using Bunit;
using EnfixPortal.Api.Auditing;
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
}
