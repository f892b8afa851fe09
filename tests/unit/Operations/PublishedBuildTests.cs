using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Operations;

/// <summary>The published folder runs from any working directory: its own appsettings.json is read and every stylesheet
/// and script the portal links is served with its content.</summary>
public sealed partial class PublishedBuildTests : IAsyncLifetime
{
    private readonly string _published = Directory.CreateTempSubdirectory("enfix-published-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("enfix-elsewhere-").FullName;
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_published, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    [Fact]
    public async Task APublishedBuildStartedFromAnotherDirectoryReadsItsSettingsAndServesItsAssets()
    {
        await PublishAsync(_published);
        var settingsFile = Path.Combine(_published, "appsettings.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        settings["Enfix"]!["Bootstrap"]!["AdminUsername"] = "operator";
        await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());

        await using var server = await ServerProcess.StartElsewhereAsync(_published, _elsewhere, _database.Path);

        Assert.Contains("created administrator 'operator'", server.Output);
        var page = await server.Http.GetStringAsync("/account/login");
        var assets = Asset().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".css"));
        Assert.Contains(assets, a => a.EndsWith(".js"));
        foreach (var asset in assets)
        {
            using var answer = await server.Http.GetAsync(asset);
            answer.EnsureSuccessStatusCode();
            Assert.True((await answer.Content.ReadAsByteArrayAsync()).Length > 0, $"{asset} came back empty");
        }
    }

    /// <summary><c>dotnet publish</c> of the build the tests run against (no second build).</summary>
    private static async Task PublishAsync(string folder)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = output.Parent!.Name; // bin/<configuration>/<framework>
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "EnfixPortal.sln"))) root = root.Parent!;
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root.FullName, "src", "EnfixPortal", "EnfixPortal.csproj"),
            "--no-build", "-c", configuration, "-o", folder, "--nologo", "-v", "q"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var publish = Process.Start(start)!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await log}\n{await errors}");
    }

    [GeneratedRegex(@"(?:href|src)=""([^""]+\.(?:css|js))""")]
    private static partial Regex Asset();
}
