using Microsoft.Playwright;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>Holds back a page's live connection to the server until <see cref="Release"/>: the moments a slow network or a
/// busy server makes now and then, made to last as long as a test needs.</summary>
public sealed class ConnectionHold
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    /// <summary>The page cannot even start connecting (its negotiate request waits).</summary>
    public static async Task<ConnectionHold> BeforeConnectingAsync(IPage page)
    {
        var hold = new ConnectionHold();
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await hold._released.Task;
            await route.ContinueAsync();
        });
        return hold;
    }
}
