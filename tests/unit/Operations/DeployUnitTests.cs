using System.Diagnostics;

namespace EnfixPortal.Tests.Operations;

/// <summary>The systemd unit in deploy/ is one systemd accepts, and it does not restart a start that was refused.</summary>
public sealed class DeployUnitTests
{
    private static readonly string Unit = Path.Combine(ReadmeScript.RepositoryRoot, "deploy", "enfixportal.service");

    [Fact]
    public async Task TheSystemdUnitVerifiesAndLeavesRefusedStartsAlone()
    {
        var text = await File.ReadAllTextAsync(Unit);
        Assert.Contains("ExecStart=/usr/bin/dotnet /opt/enfixportal/EnfixPortal.dll", text);
        Assert.Contains($"RestartPreventExitStatus={StartupFailure.InvalidSetting} {StartupFailure.DatabaseUnavailable} {StartupFailure.CannotListen}", text);

        if (!File.Exists("/usr/bin/systemd-analyze")) return; // the unit's text is checked above on machines without systemd
        var folder = Directory.CreateTempSubdirectory("enfix-unit-").FullName;
        try
        {
            var copy = Path.Combine(folder, "enfixportal.service");
            File.Copy(Unit, copy);
            var verify = Process.Start(new ProcessStartInfo("systemd-analyze", ["verify", copy])
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var errors = verify.StandardError.ReadToEndAsync();
            var output = verify.StandardOutput.ReadToEndAsync();
            await verify.WaitForExitAsync();
            Assert.True(verify.ExitCode == 0 && (await errors).Trim().Length == 0,
                $"systemd-analyze verify: exit {verify.ExitCode}\n{await output}\n{await errors}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
