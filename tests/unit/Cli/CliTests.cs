using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Cli;

public sealed class CliTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private Task<CliProcess.Outcome> RunAsync(params string[] args) => CliProcess.RunAsync(_database, null, args);

    [Fact]
    public async Task RefusalsExitWithOneAndSayWhyOnStandardError()
    {
        var weak = await RunAsync("users", "create", "--username", "weak", "--password", "short");
        var unknown = await RunAsync("app-tokens", "create", "--username", "nobody");

        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("password", weak.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody", unknown.Error);
    }

    [Fact]
    public async Task BadUsageExitsWithTwoAndShowsTheVerbs()
    {
        var missing = await RunAsync("app-tokens", "create");
        var unknownVerb = await RunAsync("tokens", "destroy");
        var help = await RunAsync("--help");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--username", missing.Error);
        Assert.Equal(2, unknownVerb.ExitCode);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("users create", help.Output);
        Assert.Contains("app-tokens create", help.Output);
        Assert.False(File.Exists(_database.Path), "help and bad usage must not touch the database");
    }

    [Fact]
    public async Task ABadSettingStopsTheStartWithAMessageNamingTheKey()
    {
        var outcome = await CliProcess.RunAsync(_database, new Dictionary<string, string> { ["Enfix__Tokens__UserTokenLifetime"] = "-01:00:00" },
            "app-tokens", "create", "--username", "admin");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Enfix:Tokens:UserTokenLifetime", outcome.Error);
    }

    [Fact]
    public async Task TheServerRefusesToStartWithABadSettingAndNamesIt()
    {
        var outcome = await CliProcess.RunAsync(_database, new Dictionary<string, string> { ["Enfix__Lockout__MaxFailedAttempts"] = "0" },
            "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Enfix:Lockout:MaxFailedAttempts", outcome.Error);
    }

    [Theory]
    [InlineData("Oracle", "Data Source=x.db", "Enfix:Database:Provider")]
    [InlineData("Postgres", "", "ConnectionStrings:Enfix")]
    public async Task ABadDatabaseSettingStopsTheStartNamingTheKey(string provider, string connectionString, string key)
    {
        var outcome = await CliProcess.RunAsync(_database,
            new Dictionary<string, string> { ["Enfix__Database__Provider"] = provider, ["ConnectionStrings__Enfix"] = connectionString },
            "app-tokens", "create", "--username", "admin");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(key, outcome.Error);
    }
}
