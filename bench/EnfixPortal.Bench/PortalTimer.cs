using System.Diagnostics;
using Microsoft.Playwright;

namespace EnfixPortal.Bench;

/// <summary>What an administrator waits for in the portal, in Debian's Chromium against the running server: from pressing
/// *Sign in* until the dashboard is live, and the first *Next page* of a token grid until its second page is shown.
/// Each round opens a new browser context (a new sign-in and a new page, as a person opening the portal), after one
/// round that warms the server up. Prints the median of the rounds in milliseconds.</summary>
public static class PortalTimer
{
    public static async Task<int> RunAsync(Options options)
    {
        var (baseUrl, password, rounds) = (options.Text("base"), options.Text("password"), options.Number("rounds", 5));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = options.Has("chromium") ? options.Text("chromium") : "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        });
        var (signIns, nextPages) = (new List<double>(), new List<double>());
        // Round 0 warms the server up (its first portal page compiles the components' code) and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            var (signIn, nextPage) = (await SignInAsync(page, password), await FirstNextPageAsync(page));
            if (round == 0) continue;
            signIns.Add(signIn);
            nextPages.Add(nextPage);
        }
        Console.WriteLine($"portal_sign_in_ms {Median(signIns):F0}");
        Console.WriteLine($"portal_next_page_ms {Median(nextPages):F0}");
        return 0;
    }

    private static async Task<double> SignInAsync(IPage page, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Username").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(password);
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Live: the layout marks itself once the page's circuit has rendered it, and the dashboard shows its figures.
        await page.Locator("[data-interactive]").WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Active app tokens" }).WaitForAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> FirstNextPageAsync(IPage page)
    {
        await page.GotoAsync("/app-tokens");
        await page.Locator("[data-interactive]").WaitForAsync();
        var rows = page.Locator("table tbody tr");
        await rows.First.WaitForAsync();
        var first = await rows.First.InnerTextAsync();
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await page.WaitForFunctionAsync("text => { const row = document.querySelector('table tbody tr'); return row && row.innerText !== text; }", first,
            new() { PollingInterval = 5 });
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
