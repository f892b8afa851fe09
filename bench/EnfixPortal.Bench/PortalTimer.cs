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
            if (options.Has("breakdown")) await context.AddInitScriptAsync(Marks);
            var page = await context.NewPageAsync();
            var signIn = await SignInAsync(page, password);
            if (round > 0 && options.Has("breakdown")) await PrintBreakdownAsync(page);
            var nextPage = await FirstNextPageAsync(page);
            if (round == 0) continue;
            signIns.Add(signIn);
            nextPages.Add(nextPage);
        }
        Console.WriteLine($"portal_sign_in_ms {Median(signIns):F0}");
        Console.WriteLine($"portal_next_page_ms {Median(nextPages):F0}");
        return 0;
    }

    /// <summary>Marks in the page's performance timeline: the live connection's WebSocket opened, the layout live.</summary>
    private const string Marks = """
        (() => {
            const Native = window.WebSocket;
            window.WebSocket = function (...args) {
                const socket = new Native(...args);
                performance.mark('websocket created');
                socket.addEventListener('open', () => performance.mark('websocket open'));
                return socket;
            };
            window.WebSocket.prototype = Native.prototype;
            Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
            new MutationObserver((_, observer) => {
                if (document.querySelector('[data-interactive="true"]')) { performance.mark('live'); observer.disconnect(); }
            }).observe(document, { subtree: true, childList: true, attributes: true });
        })();
        """;

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

    /// <summary>Where a sign-in's time went, to standard error: the dashboard's navigation and each resource it loaded
    /// (start and duration after the navigation began, bytes over the wire), and when the page was first live.</summary>
    private static async Task PrintBreakdownAsync(IPage page)
    {
        var lines = await page.EvaluateAsync<string[]>("""
            () => {
                const nav = performance.getEntriesByType('navigation')[0];
                const row = (name, start, duration, bytes) => `${Math.round(start).toString().padStart(6)} ${Math.round(duration).toString().padStart(6)} ${String(bytes).padStart(8)} ${name}`;
                return [row('navigation ' + nav.name + ' (response end, DOM loaded)', nav.startTime, nav.responseEnd, nav.transferSize),
                    row('', nav.domContentLoadedEventEnd, 0, ''),
                    ...performance.getEntriesByType('resource').map(r => row(r.name.replace(location.origin, ''), r.startTime, r.duration, r.transferSize)),
                    ...performance.getEntriesByType('mark').map(m => row('mark ' + m.name, m.startTime, 0, ''))];
            }
            """);
        Console.Error.WriteLine(" start  duration  bytes  what (ms after the dashboard's navigation began)");
        foreach (var line in lines) Console.Error.WriteLine(line);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
