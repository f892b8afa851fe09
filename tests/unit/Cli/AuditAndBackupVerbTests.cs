using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Cli;

/// <summary><c>audit export</c>, <c>backup</c> and a first run started by a verb.</summary>
public sealed class AuditAndBackupVerbTests : CliScript
{
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
        var first = await CliProcess.RunAsync(Database, new Dictionary<string, string> { ["Enfix__Bootstrap__AdminPassword"] = "" },
            "app-tokens", "create", "--username", "admin");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches("^[0-9a-f]{32}$", first.LastLine);
        Assert.Matches("Generated password \\(shown once, store it now\\): \\S+-Aa9", first.Error);
        Assert.DoesNotContain("Generated password", first.Output);
    }
}
