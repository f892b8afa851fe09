using Microsoft.Playwright;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright. Missing Chromium is a failure, never a skip: run ./test.sh, which installs it.</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}; run ./test.sh (it installs Debian's chromium).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>One server and one browser shared by the tests of a collection.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    public PortalServer Server { get; private set; } = null!;
    public Chromium Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        Server = new PortalServer();
        await Chromium.InitializeAsync();
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        // A shared two-core CI machine can take more than Playwright's 5 s to render a page; waiting longer for what
        // must appear keeps every assertion as strict and only stops load from failing it.
        Assertions.SetDefaultExpectTimeout(15_000);
        lock (_contexts) _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the pages a test opened. Left open, each keeps its circuit, which the server keeps up to date with
    /// every change the later tests make: the collection's run would slow down with every test.</summary>
    public async Task ClosePagesAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var context in open) await context.CloseAsync();
    }

    /// <summary>A fresh browser context signed in through the login form as the bootstrap administrator.</summary>
    public async Task<IPage> NewAdminPageAsync(int width = 1280, int height = 800)
    {
        var page = await NewPageAsync(width, height);
        var login = new Pages.LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(PortalServer.AdminUserName, PortalServer.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>A test of the portal collection: the pages it opened are closed when it ends. The collection's tests run one
/// at a time, so the pages open when a test ends are its own.</summary>
public abstract class PortalTest(PortalFixture fixture) : IAsyncLifetime
{
    protected PortalFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Fixture.ClosePagesAsync();
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
