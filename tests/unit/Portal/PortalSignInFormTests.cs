using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using System.Net;

namespace EnfixPortal.Tests.Portal;

/// <summary>The portal's real sign-in form on the whole host: who gets a session, and what the audit trail says.</summary>
public sealed class PortalSignInFormTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ANonAdminIsSentToAccessDeniedWithoutACookieAndTheTrailSaysRefused()
    {
        var clerk = await api.NewCallerAsync("clerk");
        using var http = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var answer = await PortalLoginForm.PostAsync(http, clerk.User.UserName, ApiFixture.UserPassword);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.EndsWith("/account/access-denied?reason=not-admin", answer.Headers.Location!.ToString());
        Assert.Empty(PortalLoginForm.SessionCookies(answer));
        var events = await SignInEventsAsync(clerk.User.Id);
        var refusal = Assert.Single(events);
        Assert.Equal((AuditActions.LoginRefused, AuditOutcome.Failure, Door.Portal), (refusal.Action, refusal.Outcome, refusal.Door));
        Assert.Equal("not an administrator", refusal.Detail);
    }

    [Fact]
    public async Task AnAdministratorGetsASessionAndTheTrailSaysSucceeded()
    {
        var boss = await api.NewCallerAsync("boss", admin: true);
        using var http = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var answer = await PortalLoginForm.PostAsync(http, boss.User.UserName, ApiFixture.UserPassword);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Single(PortalLoginForm.SessionCookies(answer));
        Assert.Equal(AuditActions.LoginSucceeded, Assert.Single(await SignInEventsAsync(boss.User.Id)).Action);
    }

    private async Task<List<AuditEvent>> SignInEventsAsync(string userId)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.TargetUserId == userId && e.Action.StartsWith("login.")).ToListAsync();
    }
}
