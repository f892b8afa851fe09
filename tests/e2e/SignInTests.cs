using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task AdminSignsInAndReturnsToThePageTheyAskedFor()
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/app-tokens");
        var login = new LoginPage(page);
        await Assertions.Expect(login.Heading).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "01-sign-in");

        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);

        var shell = new PortalShell(page);
        await Assertions.Expect(shell.Heading("App tokens")).ToBeVisibleAsync();
        await shell.WaitUntilInteractiveAsync();
        await shell.OpenAsync("Dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Active app tokens" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongPasswordShowsTheMessageAndSetsNoCookie()
    {
        var page = await Fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();

        await login.SignInAsync(PortalServer.AdminUserName, "not-the-password");

        await Assertions.Expect(login.Error).ToContainTextAsync("The username or password is incorrect");
        await Assertions.Expect(login.Heading).ToBeVisibleAsync();
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == ".EnfixPortal.Session");
        await Screenshots.SaveAsync(page, "02-sign-in-refused");
    }

    [Fact]
    public async Task NonAdminIsRefusedWithTheAccessDeniedPage()
    {
        var user = await Fixture.Server.CreateUserAsync($"clerk-{Guid.NewGuid():N}"[..16]);
        var page = await Fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync("/users");

        await login.SignInAsync(user.UserName, ServerActions.UserPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This portal is for administrators only.")).ToBeVisibleAsync();
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == ".EnfixPortal.Session");
        await page.GotoAsync("/users");
        await Assertions.Expect(login.Heading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOutEndsTheSession()
    {
        var page = await Fixture.NewAdminPageAsync();
        var shell = new PortalShell(page);
        await shell.WaitUntilInteractiveAsync();

        await shell.SignOutAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(new LoginPage(page).Heading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ApiPathsAnswerWithoutARedirectToTheLoginPage()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Fixture.Server.BaseAddress };
        var response = await http.GetAsync("/api/v1/app_tokens/");
        Assert.Null(response.Headers.Location);
        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
    }
}
