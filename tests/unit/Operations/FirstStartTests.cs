using System.Net;
using EnfixPortal.Tests.Api;
using EnfixPortal.Tests.Infrastructure;
using Npgsql;

namespace EnfixPortal.Tests.Operations;

/// <summary>A first start that goes well says so and nothing else: no warnings or errors an operator would chase, on
/// either engine; a PostgreSQL server that is not up yet is waited for.</summary>
public sealed class FirstStartTests : RealServerTests
{
    [Fact]
    public async Task AFirstStartOnSqliteAndASignInLogNoWarnings()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path,
            new Dictionary<string, string> { ["Enfix__Database__Provider"] = "sqlite" }); // settings that name a choice ignore case
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        using var signedIn = await PortalLoginForm.PostAsync(browser, "admin", ServerProcess.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var dashboard = await browser.GetAsync("/"); // the page itself renders once its live connection is up
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        Assert.DoesNotContain("warn:", server.Output);
        Assert.DoesNotContain("fail:", server.Output);
    }

    [Fact]
    public async Task AFirstStartOnAnEmptyPostgresDatabaseLogsNoErrors()
    {
        var name = $"enfix_fresh_{Guid.NewGuid():N}";
        try
        {
            await using var server = await ServerProcess.StartAsync(Database.Path, Postgres(PostgresServer.ConnectionStringFor(name)));
            Assert.Contains("EnfixPortal first run: created administrator 'admin'.", server.Output);
            Assert.DoesNotContain("warn:", server.Output);
            Assert.DoesNotContain("fail:", server.Output);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task PostgresThatIsNotUpYetIsWaitedFor()
    {
        var real = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString);
        var port = LoopbackListener.FreePort();
        var name = $"enfix_late_{Guid.NewGuid():N}";
        var settings = Postgres(new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionStringFor(name)) { Port = port }.ConnectionString);
        settings["Enfix__Database__StartupTimeout"] = "00:02:00";
        try
        {
            await using var server = ServerProcess.Launch(Database.Path, settings);
            await server.WaitForOutputAsync($"Waiting for PostgreSQL at 127.0.0.1:{port} (connection refused)");
            Assert.Contains("giving up after 120 s (Enfix:Database:StartupTimeout)", server.Output);

            await using var postgres = LoopbackListener.Relay(port, new DnsEndPoint(real.Host!, real.Port));
            await server.WaitUntilReadyAsync();
            Assert.DoesNotContain("fail:", server.Output);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(name);
        }
    }

    private static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Enfix__Database__Provider"] = "Postgres",
        ["ConnectionStrings__Enfix"] = connectionString,
    };
}
