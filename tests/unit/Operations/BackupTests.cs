using System.Net;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Tests.Api;
using EnfixPortal.Tests.Cli;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Operations;

/// <summary><c>EnfixPortal backup --to FILE</c> against a running server, and the documented restore.</summary>
public sealed class BackupTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ABackupTakenWhileTheServerWritesRestoresWithEveryTokenWorking()
    {
        var owner = await api.NewCallerAsync("backup");
        var created = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.Client.PostJsonAsync("/api/v1/app_tokens/", owner, "{}")));
        var appTokens = created.Select(a => a.Json!["app_token"]!.GetValue<string>()).Append(owner.AppToken).ToList();
        var backup = TempFiles.NewDatabasePath();
        var restored = TempFiles.NewDatabasePath();
        try
        {
            using var writing = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                while (!writing.IsCancellationRequested)
                    Assert.Equal(HttpStatusCode.Created, (await api.Client.PostJsonAsync("/api/v1/tokens/", owner, "{}")).Status);
            });
            var outcome = await CliProcess.RunAsync(api.Factory.Database, null, "backup", "--to", backup);
            await writing.CancelAsync();
            await writer;

            Assert.True(outcome.ExitCode == 0, outcome.Error);
            Assert.Contains(backup, outcome.Output);
            // The documented restore: the backup file alone becomes the database of a server that starts on it.
            File.Copy(backup, restored);
            await using var host = new ApiFactory(new() { ["ConnectionStrings:Enfix"] = $"Data Source={restored}" });
            using var client = new ApiClient(host.CreateClient());
            foreach (var appToken in appTokens)
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: appToken, token: owner.Token)).Status);
            var login = await client.LogInAsync(owner.AppToken, owner.User.UserName, ApiFixture.UserPassword);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: owner.AppToken, token: login)).Status);
        }
        finally
        {
            TempFiles.DeleteDatabase(backup);
            TempFiles.DeleteDatabase(restored);
        }
    }

    [Fact]
    public async Task AnExistingFileIsNeverOverwritten()
    {
        var existing = TempFiles.NewDatabasePath();
        await File.WriteAllTextAsync(existing, "keep me");
        try
        {
            var outcome = await CliProcess.RunAsync(api.Factory.Database, null, "backup", "--to", existing);

            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains("exists already", outcome.Error);
            Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        }
        finally
        {
            File.Delete(existing);
        }
    }

    [Fact]
    public async Task OnPostgresTheVerbPointsToPgDump()
    {
        await using var postgres = await TestDatabase.CreateAsync(Engine.Postgres);
        var target = TempFiles.NewDatabasePath();

        var outcome = await CliProcess.RunAsync(postgres, null, "backup", "--to", target);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(DatabaseBackup.UsePgDump, outcome.Error);
        Assert.False(File.Exists(target));
    }
}
