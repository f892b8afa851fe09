using System.Net;
using System.Net.Sockets;
using EnfixPortal.Tests.Cli;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Operations;

/// <summary>A server that cannot start says why in one line on standard error, naming the setting, path or address and
/// what to do, and exits with the documented code (1 setting, 3 database, 4 address) — no stack trace.</summary>
public sealed class StartupFailureTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task<string> RefusedAsync(int exitCode, Dictionary<string, string> environment, string urls = "http://127.0.0.1:0")
    {
        var outcome = await CliProcess.RunAsync(_database, environment, "--urls", urls);
        Assert.Equal(exitCode, outcome.ExitCode);
        var line = outcome.Error.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", outcome.Output + outcome.Error);
        Assert.DoesNotContain("Exception", outcome.Output + outcome.Error);
        return line;
    }

    [Theory]
    [InlineData("Enfix__Tokens__UserTokenLifetime", "abc", "Enfix:Tokens:UserTokenLifetime is 'abc', which is not a duration")]
    [InlineData("Enfix__Lockout__MaxFailedAttempts", "five", "Enfix:Lockout:MaxFailedAttempts is 'five', which is not a whole number.")]
    [InlineData("Enfix__Database__StartupTimeout", "soon", "Enfix:Database:StartupTimeout is 'soon', which is not a duration")]
    public async Task ASettingOfTheWrongTypeIsNamedWithTheFormItNeeds(string variable, string value, string expected)
    {
        var line = await RefusedAsync(1, new() { [variable] = value });
        Assert.Contains($"error: invalid setting: {expected}", line);
    }

    [Fact]
    public async Task AnOutOfRangeSettingIsExplainedInTheOperatorsWords()
    {
        var line = await RefusedAsync(1, new() { ["Enfix__Lockout__MaxFailedAttempts"] = "0" });
        Assert.Equal("error: invalid setting: Enfix:Lockout:MaxFailedAttempts must be between 1 and 1000.", line);
    }

    [Fact]
    public async Task AMailServerWithoutASenderIsRefusedNamingTheSetting()
    {
        var line = await RefusedAsync(1, new() { ["Enfix__Smtp__Host"] = "smtp.example.test" });
        Assert.Equal("error: invalid setting: Enfix:Smtp:From must be the sender's address, such as enfix@example.com, when Enfix:Smtp:Host is set.", line);
    }

    [Fact]
    public async Task ASqliteFileInAFolderThatDoesNotExistIsNamed()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"enfix-missing-{Guid.NewGuid():N}");
        var line = await RefusedAsync(3, new() { ["ConnectionStrings__Enfix"] = $"Data Source={folder}/enfix.db" });
        Assert.Contains($"{folder}/enfix.db cannot be created: the folder {folder} does not exist", line);
        Assert.Contains("ConnectionStrings:Enfix", line);
    }

    [Fact]
    public async Task AnAddressInUseIsNamed()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}";
        var line = await RefusedAsync(4, [], address);
        Assert.Contains($"Failed to bind to address {address}: address already in use", line);
        Assert.Contains("--urls", line);
    }

    [Fact]
    public async Task PostgresRefusingConnectionsIsWaitedForThenNamed()
    {
        var port = LoopbackListener.FreePort();
        var line = await RefusedAsync(3, Postgres($"Host=127.0.0.1;Port={port};Username=enfix;Password=x"));
        Assert.Contains($"PostgreSQL at 127.0.0.1:{port} is not reachable (connection refused) after waiting 1 s", line);
    }

    [Fact]
    public async Task PostgresOnAnUnknownHostIsNamed()
    {
        var line = await RefusedAsync(3, Postgres("Host=enfix-db.invalid;Username=enfix;Password=x"));
        Assert.Contains("PostgreSQL at enfix-db.invalid:5432 is not reachable (unknown host)", line);
    }

    [Fact]
    public async Task PostgresThatNeverAnswersIsNamed()
    {
        await using var silent = LoopbackListener.Silent();
        var line = await RefusedAsync(3, Postgres($"Host=127.0.0.1;Port={silent.Port};Username=enfix;Password=x"));
        Assert.Contains($"PostgreSQL at 127.0.0.1:{silent.Port} is not reachable (no answer)", line);
    }

    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Enfix__Database__Provider"] = "postgres", // any case
        ["ConnectionStrings__Enfix"] = connectionString,
        ["Enfix__Database__StartupTimeout"] = "00:00:01",
    };
}
