using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Cli;

public abstract class CliVerbTests(Engine engine) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(engine);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

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

        await using var harness = new ServiceHarness(engine, database: _database);
        await harness.InitializeAsync();
        var ops = await harness.Get<UserQueries>().FindByNameAsync("ops");
        Assert.Equal(user.LastLine, ops!.Id);
        Assert.True(ops.Admin);
        var stored = await harness.Get<TokenQueries>().GetAsync(harness.AdminActor, TokenFamily.App, token.LastLine);
        Assert.Equal("deploy", stored.Value!.Name);
        Assert.Equal(ops.Id, stored.Value.UserId);
        Assert.Equal(new TokenOrigin(Door.Cli, null, null, null), stored.Value.CreatedBy);
        var userToken = await harness.CreateOboTokenAsync(harness.AdminActor, userId: ops.Id);
        Assert.True((await harness.Get<TokenValidator>().ValidateAsync(token.LastLine, userToken.Secret)).Succeeded);
    }

    [Fact]
    public async Task AppTokensCreateBeyondTheMaximumLifetimeFailsNamingTheSetting()
    {
        Assert.Equal(0, (await RunAsync("users", "create", "--username", "ops", "--password", "0ps-Passw0rd!")).ExitCode);

        var token = await RunAsync("app-tokens", "create", "--username", "ops", "--seconds", "6311520001");

        Assert.NotEqual(0, token.ExitCode);
        Assert.Contains("Enfix:Tokens:MaxAppTokenLifetime", token.Error);
    }
}

public sealed class CliVerbTestsOnSqlite() : CliVerbTests(Engine.Sqlite);

public sealed class CliVerbTestsOnPostgres() : CliVerbTests(Engine.Postgres);
