using System.Text.Json.Nodes;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Cli;

/// <summary>Every lifecycle verb, run as an operator's script would (<c>--json</c>), and a bad input for each: bad usage
/// exits 2, a refusal exits 1 with the reason on standard error, and neither changes anything.</summary>
public sealed class CliLifecycleTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private Task<CliProcess.Outcome> RunAsync(params string[] args) => CliProcess.RunAsync(_database, null, args);

    private async Task<JsonNode> JsonAsync(params string[] args)
    {
        var outcome = await RunAsync([.. args, "--json"]);
        Assert.True(outcome.ExitCode == 0, $"{string.Join(' ', args)} exited {outcome.ExitCode}: {outcome.Error}");
        return JsonNode.Parse(outcome.Output)!;
    }

    private async Task RefusedAsync(int exitCode, string expected, params string[] args)
    {
        var outcome = await RunAsync(args);
        Assert.Equal(exitCode, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
    }

    [Theory]
    [InlineData("app-tokens", "app_token")]
    [InlineData("tokens", "token")]
    public async Task TokensAreCreatedListedShownExpiredAndDeleted(string noun, string secretField)
    {
        await JsonAsync("users", "create", "--username", "bob", "--password", "B0b-passw0rd!");
        var created = await JsonAsync(noun, "create", "--username", "bob", "--seconds", "3600", "--name", "deploy");
        var accessor = created["accessor"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", created[secretField]!.GetValue<string>());

        var listed = (await JsonAsync(noun, "list", "--username", "bob")).AsArray();
        Assert.Equal(accessor, Assert.Single(listed)!["accessor"]!.GetValue<string>());
        var shown = await JsonAsync(noun, "show", "--id", created[secretField]!.GetValue<string>());
        Assert.Equal("deploy", shown["name"]!.GetValue<string>());
        Assert.True((await JsonAsync(noun, "expire", "--id", accessor))["expired"]!.GetValue<bool>());
        Assert.Empty((await JsonAsync(noun, "list", "--username", "bob", "--status", "active")).AsArray());
        Assert.Equal(accessor, (await JsonAsync(noun, "delete", "--id", accessor))["accessor"]!.GetValue<string>());

        await RefusedAsync(1, "error: id:", noun, "show", "--id", accessor);
        await RefusedAsync(1, "error: id:", noun, "delete", "--id", accessor);
        await RefusedAsync(1, "error: id:", noun, "expire", "--id", "not-a-token");
        await RefusedAsync(2, "--seconds must be a whole number of seconds, 1 or more.", noun, "create", "--username", "bob", "--seconds", "0");
        await RefusedAsync(2, "--seconds must be a whole number of seconds, 1 or more.", noun, "create", "--username", "bob", "--seconds", "-5");
        await RefusedAsync(1, "No user is named 'nobody'", noun, "create", "--username", "nobody");
        await RefusedAsync(2, "--status must be one of: any, active, expired.", noun, "list", "--status", "sometimes");
        await RefusedAsync(2, $"{noun} show needs --id.", noun, "show");
        Assert.Empty((await JsonAsync(noun, "list", "--username", "bob")).AsArray());
    }

    [Fact]
    public async Task UsersAreListedShownDeactivatedActivatedResetAndMadeAdministrators()
    {
        var bob = await JsonAsync("users", "create", "--username", "bob", "--password", "B0b-passw0rd!");
        Assert.Contains((await JsonAsync("users", "list")).AsArray(), u => u!["username"]!.GetValue<string>() == "bob");
        Assert.Equal(bob["id"]!.GetValue<string>(), (await JsonAsync("users", "show", "--username", "bob"))["id"]!.GetValue<string>());
        Assert.False((await JsonAsync("users", "deactivate", "--username", "bob"))["active"]!.GetValue<bool>());
        Assert.True((await JsonAsync("users", "activate", "--username", "bob"))["active"]!.GetValue<bool>());
        await JsonAsync("users", "reset-password", "--username", "bob", "--password", "N3w-passw0rd!");
        Assert.Equal("admin", (await JsonAsync("users", "grant-admin", "--username", "bob"))["roles"]![0]!.GetValue<string>());
        Assert.Empty((await JsonAsync("users", "revoke-admin", "--username", "bob"))["roles"]!.AsArray());

        await RefusedAsync(1, "last active administrator", "users", "revoke-admin", "--username", "admin");
        await RefusedAsync(1, "last active administrator", "users", "deactivate", "--username", "admin");
        await RefusedAsync(1, "error: password:", "users", "reset-password", "--username", "bob", "--password", "short");
        await RefusedAsync(2, "users reset-password needs --password.", "users", "reset-password", "--username", "bob");
        await RefusedAsync(1, "No user is named 'nobody'", "users", "show", "--username", "nobody");
        await RefusedAsync(2, "--active must be true or false.", "users", "list", "--active", "maybe");
        Assert.Contains("admin", (await JsonAsync("users", "show", "--username", "admin"))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryChangeIsAuditedWithTheCliDoorAndExportedSinceAMoment()
    {
        await JsonAsync("users", "create", "--username", "bob", "--password", "B0b-passw0rd!");
        await JsonAsync("users", "deactivate", "--username", "bob");

        var lines = (await RunAsync("audit", "export", "--since", "1h", "--json")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(lines, e => e["action"]!.GetValue<string>() == "user.deactivated" && e["door"]!.GetValue<string>() == "cli"
            && e["target_user_name"]!.GetValue<string>() == "bob");
        Assert.Empty((await RunAsync("audit", "export", "--since", "2999-01-01", "--json")).Output.Trim());
        var csv = await RunAsync("audit", "export", "--since", "2020-01-01T00:00:00Z");
        Assert.StartsWith("at,actor,", csv.Output);
        Assert.Contains("user.deactivated", csv.Output);

        await RefusedAsync(2, "--since must be a UTC date or time", "audit", "export", "--since", "yesterday");
    }

    [Fact]
    public async Task BackupTellsWhereItWroteAndNamesAPathItCannotWrite()
    {
        var target = Path.Combine(Path.GetTempPath(), $"enfix-backup-{Guid.NewGuid():N}.db");
        try
        {
            var taken = await JsonAsync("backup", "--to", target);
            Assert.Equal(target, taken["path"]!.GetValue<string>());
            Assert.True(taken["bytes"]!.GetValue<long>() > 0);
        }
        finally
        {
            File.Delete(target);
        }
        var unwritable = await RunAsync("backup", "--to", "/sys/enfix-backup.db");
        Assert.Equal(1, unwritable.ExitCode);
        Assert.StartsWith("error: to: Cannot write /sys/enfix-backup.db", unwritable.Error);
        Assert.DoesNotContain("   at ", unwritable.Error);
    }

    [Fact]
    public async Task AVerbRunFirstOnAnEmptyDatabasePrintsTheGeneratedPasswordOnStandardError()
    {
        var first = await CliProcess.RunAsync(_database, new Dictionary<string, string> { ["Enfix__Bootstrap__AdminPassword"] = "" },
            "app-tokens", "create", "--username", "admin");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches("^[0-9a-f]{32}$", first.LastLine);
        Assert.Matches("Generated password \\(shown once, store it now\\): \\S+-Aa9", first.Error);
        Assert.DoesNotContain("Generated password", first.Output);
    }
}
