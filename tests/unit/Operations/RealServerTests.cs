using EnfixPortal.Tests.Cli;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Operations;

/// <summary>Tests of the real server process (<see cref="ServerProcess"/>) over a SQLite file of their own, in which the
/// CLI has made an app token for the first-run administrator before any server starts.</summary>
public abstract class RealServerTests : IAsyncLifetime
{
    protected SqliteTestDatabase Database { get; } = new();

    protected string AppToken { get; private set; } = null!;

    public async Task InitializeAsync() =>
        AppToken = (await CliProcess.RunAsync(Database, null, "app-tokens", "create", "--username", "admin")).LastLine;

    public Task DisposeAsync() => Database.DisposeAsync().AsTask();
}
