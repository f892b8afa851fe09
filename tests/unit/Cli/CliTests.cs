using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Cli;

public sealed class CliTests : IAsyncLifetime
{
    private readonly string _database = TempFiles.NewDatabasePath();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempFiles.DeleteDatabase(_database);
        return Task.CompletedTask;
    }

    private Task<CliProcess.Outcome> RunAsync(params string[] args) => CliProcess.RunAsync(_database, null, args);

    [Fact]
    public async Task UsersCreatePrintsTheNewIdAndAppTokensCreatePrintsAWorkingToken()
    {
        var user = await RunAsync("users", "create", "--username", "ops", "--password", "0ps-Passw0rd!", "--admin");
        Assert.Equal(0, user.ExitCode);
        Assert.Matches("^[0-9a-f]{24}$", user.LastLine);

        var token = await RunAsync("app-tokens", "create", "--username", "ops", "--seconds", "3600", "--name", "deploy");
        Assert.Equal(0, token.ExitCode);
        Assert.Matches("^[0-9a-f]{32}$", token.LastLine);

        await using var harness = new ServiceHarness(databasePath: _database);
        await harness.InitializeAsync();
        var ops = await harness.Get<UserQueries>().FindByNameAsync("ops");
        Assert.Equal(user.LastLine, ops!.Id);
        Assert.True(ops.Admin);
        var stored = await harness.Get<TokenQueries>().GetAsync(harness.AdminActor, TokenFamily.App, token.LastLine);
        Assert.Equal("deploy", stored.Value!.Name);
        Assert.Equal(ops.Id, stored.Value.UserId);
        var userToken = await harness.CreateOboTokenAsync(harness.AdminActor, userId: ops.Id);
        Assert.True((await harness.Get<TokenValidator>().ValidateAsync(token.LastLine, userToken.Secret)).Succeeded);
    }

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
        Assert.False(File.Exists(_database), "help and bad usage must not touch the database");
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
}
