using System.Net;
using System.Text.RegularExpressions;
using EnfixPortal.E2E.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>Enfix's login works from a traditional browser form: a page on another origin posts a plain form, no script.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class LoginFormTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task PlainFormOnAnotherOriginGetsALoginToken()
    {
        var appToken = await Fixture.Server.NewAdminAppTokenAsync("form test");
        await using var otherOrigin = await StartFormPageAsync(new Uri(Fixture.Server.BaseAddress, "/api/v1/token/"));
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync(otherOrigin.Urls.Single());

        await page.GetByLabel("Username").FillAsync(PortalServer.AdminUserName);
        await page.GetByLabel("Password").FillAsync(PortalServer.AdminPassword);
        await page.GetByLabel("App token").FillAsync(appToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/api/v1/token/");

        Assert.StartsWith(Fixture.Server.BaseAddress.ToString().TrimEnd('/') + "/api/v1/token/", page.Url);
        var token = TokenInJson().Match(await page.ContentAsync()).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", token);
        using var http = Fixture.Server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { { "App-Token", appToken }, { "Token", token } } };
        var me = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains($"\"username\":\"{PortalServer.AdminUserName}\"", await me.Content.ReadAsStringAsync());
    }

    /// <summary>A second real server, on its own port (so its own origin), serving one static HTML form.</summary>
    private static async Task<WebApplication> StartFormPageAsync(Uri action)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapGet("/", () => Results.Content($"""
            <!doctype html>
            <html><head><title>Partner site</title><link rel="icon" href="data:,"></head><body>
            <form method="post" action="{action}">
              <label>Username <input name="username"></label>
              <label>Password <input name="password" type="password"></label>
              <label>App token <input name="app_token"></label>
              <button type="submit">Log in</button>
            </form>
            </body></html>
            """, "text/html"));
        await app.StartAsync();
        return app;
    }

    [GeneratedRegex("\"token\":\\s*\"([0-9a-f]{32})\"")]
    private static partial Regex TokenInJson();
}
