using Microsoft.Playwright;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>Full-page screenshots kept as test artifacts in the output folder (bin/.../screenshots). The README's pictures come
/// from <see cref="ReadmeScreenshotTests"/> (tests/e2e/screenshots.sh).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
    }
}
