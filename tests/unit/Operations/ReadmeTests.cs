using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace EnfixPortal.Tests.Operations;

/// <summary>The README followed literally on a fresh machine: the server started as *Run it* says, then every command of
/// *Use the API* and *Command line* in order, in one shell in the same directory, each printing the answer shown under
/// it. <c>dotnet run --project src/EnfixPortal</c> is the build the tests run, and localhost:5080 a free loopback port.</summary>
public sealed partial class ReadmeTests : IAsyncLifetime
{
    private const string Marker = "@@readme-command ";
    private readonly string _folder = Directory.CreateTempSubdirectory("enfix-readme-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheReadmesCommandsWorkInOrderOnAFreshDatabase()
    {
        var start = Assert.Single(ReadmeScript.Blocks("Run it"));
        Assert.Contains("dotnet run --project src/EnfixPortal --urls http://localhost:5080", start);
        var settings = Setting().Matches(start).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        await using var server = await ServerProcess.StartElsewhereAsync(AppContext.BaseDirectory, _folder,
            Path.Combine(_folder, "enfix.db"), settings);
        var address = server.Address.ToString().TrimEnd('/');

        var commands = ReadmeScript.Blocks("Use the API", "Command line").SelectMany(ReadmeScript.Commands).ToList();
        Assert.True(commands.Count > 10, "the README's walk-through was not found");
        var script = new StringBuilder("set -euo pipefail\n");
        for (var i = 0; i < commands.Count; i++)
            script.Append($"echo '{Marker}{i}'\n").Append(Runnable(commands[i].Text, address)).Append('\n');

        var (exitCode, output, errors) = await BashAsync(script.ToString());
        Assert.True(exitCode == 0, $"the README's commands stopped (exit {exitCode}):\n{output}\n{errors}");
        var printed = output.Split(Marker)[1..].Select(part => part.Split('\n')[1..].Where(l => l.Trim().Length > 0).ToList()).ToList();
        Assert.Equal(commands.Count, printed.Count);
        for (var i = 0; i < commands.Count; i++)
        {
            if (commands[i].Answer.Count == 0) continue;
            var lines = printed[i].Select(l => l.Replace(address, "http://localhost:5080")).ToList();
            Assert.True(lines.Count == commands[i].Answer.Count && commands[i].Answer.Zip(lines).All(p => ReadmeScript.Matches(p.First, p.Second)),
                $"{commands[i].Text}\nREADME shows:\n{string.Join('\n', commands[i].Answer)}\nprinted:\n{string.Join('\n', lines)}");
        }
    }

    private static string Runnable(string command, string address) => command
        .Replace("dotnet run --project src/EnfixPortal --", $"dotnet '{Path.Combine(AppContext.BaseDirectory, "EnfixPortal.dll")}'")
        .Replace("http://localhost:5080", address);

    private async Task<(int ExitCode, string Output, string Errors)> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await bash.WaitForExitAsync(timeout.Token);
        return (bash.ExitCode, await output, await errors);
    }

    [GeneratedRegex(@"(\w+)='([^']*)'")]
    private static partial Regex Setting();
}
