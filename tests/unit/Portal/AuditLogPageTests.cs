using EnfixPortal.Api.Model;
using Bunit;
using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
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
    public async Task AFailedSignInElsewhereAppearsInAnOpenLog()
    {
        var page = Render<AuditLog>();
        page.WaitForAssertion(() => Assert.Contains(AuditActions.UserCreated, page.Markup));
        Assert.DoesNotContain(AuditActions.LoginFailed, page.Markup);

        await Harness.Get<PasswordSignIn>().CheckAsync(new Actor(null, null, false, Door.Api), "admin", "wrong-password");

        // The fake clock stands still: only the pushed change can reload the page.
        page.WaitForAssertion(() => Assert.Contains(AuditActions.LoginFailed, page.Find("tbody").TextContent));
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

    [Fact]
    public async Task ATokenIsShownByNameAndHintLinkedToItsGridAndADeletedOneByAccessor()
    {
        var tokens = Harness.Get<TokenService>();
        var kept = (await tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "ci-deploy"))).Value!.Token;
        var gone = (await tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "old-job"))).Value!.Token;
        Assert.True((await tokens.DeleteAsync(Harness.AdminActor, TokenFamily.App, gone.Accessor)).Succeeded);

        var page = Render<AuditLog>();

        page.WaitForAssertion(() => Assert.Contains("ci-deploy", page.Find("tbody").TextContent));
        var link = page.FindAll("tbody a").First(a => a.TextContent.Contains("ci-deploy"));
        Assert.Contains(kept.Hint + "…", link.TextContent);
        Assert.Equal("app-tokens?q=" + kept.Accessor, link.GetAttribute("href"));
        var deleted = page.FindAll("tbody tr").Where(r => r.TextContent.Contains(gone.Accessor)).ToList();
        Assert.Equal(2, deleted.Count);
        Assert.All(deleted, r => Assert.Contains("(deleted)", r.TextContent));
        Assert.DoesNotContain("old-job", page.Find("tbody").TextContent);
        Assert.NotEmpty(page.FindAll("tbody td.audit-detail"));
    }
}
