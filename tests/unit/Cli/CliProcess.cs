using System.Diagnostics;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Cli;

/// <summary>Runs the real EnfixPortal executable (the build output next to the tests) as an operator would.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string LastLine => Output.TrimEnd().Split('\n').Last().Trim();
    }

    public static async Task<Outcome> RunAsync(TestDatabase database, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EnfixPortal.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in database.Settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Enfix__Bootstrap__AdminPassword"] = "Admin-Passw0rd!";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }
}
