using System.Text.Json.Nodes;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Cli;

/// <summary>Lifecycle verbs run as an operator's script would (<c>--json</c>), and bad inputs: bad usage exits 2, a
/// refusal exits 1 with the reason on standard error, and neither changes anything. Each test has a SQLite file of its own.</summary>
public abstract class CliScript : IAsyncLifetime
{
    protected SqliteTestDatabase Database { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();

    protected Task<CliProcess.Outcome> RunAsync(params string[] args) => CliProcess.RunAsync(Database, null, args);

    protected async Task<JsonNode> JsonAsync(params string[] args)
    {
        var outcome = await RunAsync([.. args, "--json"]);
        Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', args)} exited {outcome.ExitCode}: {outcome.Error}");
        return JsonNode.Parse(outcome.Output)!;
    }

    protected async Task RefusedAsync(int exitCode, string expected, params string[] args)
    {
        var outcome = await RunAsync(args);
        Assert.Equal(exitCode, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
    }
}
