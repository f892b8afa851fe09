using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace EnfixPortal.Tests.Operations;

/// <summary>The real EnfixPortal server (the build output next to the tests) as its own OS process on a free loopback
/// port, over a given SQLite file, with everything it writes to stdout and stderr kept. It runs in the build output
/// folder (its content root, with the shipped appsettings.json) unless given a folder of its own, which is then both its
/// working directory and its content root.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string databasePath, IDictionary<string, string>? environment, string? contentRoot,
        string? application = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? contentRoot ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(application ?? AppContext.BaseDirectory, "EnfixPortal.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ConnectionStrings__Enfix"] = $"Data Source={databasePath}";
        start.Environment["Enfix__Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["Enfix__RateLimits__LoginPerMinute"] = "100000";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        if (contentRoot is not null) start.Environment["ASPNETCORE_CONTENTROOT"] = contentRoot;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts the server and waits (at most a minute) until it answers ready.</summary>
    public static async Task<ServerProcess> StartAsync(string databasePath, IDictionary<string, string>? environment = null,
        string? contentRoot = null)
    {
        var server = Launch(databasePath, environment, contentRoot);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Starts the EnfixPortal.dll in <paramref name="application"/> (a published folder) from another working directory,
    /// naming no content root, as <c>dotnet /opt/enfixportal/EnfixPortal.dll</c> would be run from anywhere.</summary>
    public static async Task<ServerProcess> StartElsewhereAsync(string application, string workingDirectory, string databasePath,
        IDictionary<string, string>? environment = null)
    {
        var server = new ServerProcess(databasePath, environment, null, application, workingDirectory);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Starts the server process without waiting for it.</summary>
    public static ServerProcess Launch(string databasePath, IDictionary<string, string>? environment = null, string? contentRoot = null) =>
        new(databasePath, environment, contentRoot);

    /// <summary>Waits (at most a minute each) until the server listens and answers ready.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(_listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(1))) != _listening.Task)
            throw new InvalidOperationException($"The server did not start listening:\n{Output}");
        Address = await _listening.Task;
        Http = new HttpClient { BaseAddress = Address };
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(50))
            if ((await Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
        throw new InvalidOperationException($"The server did not become ready:\n{Output}");
    }

    /// <summary>Waits (at most a minute) until the server has written the given text.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(50))
            if (Output.Contains(text, StringComparison.Ordinal)) return;
        throw new InvalidOperationException($"The server never wrote '{text}':\n{Output}");
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to finish or flush anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or docker stop sends it; returns the exit code of the graceful shutdown.</summary>
    public Task<int> TerminateAsync()
    {
        SendTerminate();
        return ExitCodeAsync();
    }

    /// <summary>SIGTERM without waiting: the shutdown goes on while the caller does something else.</summary>
    public void SendTerminate()
    {
        if (SendSignal(_process.Id, 15) != 0) throw new InvalidOperationException("Could not send SIGTERM.");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>How many files and directories the process watches for changes (Linux inotify watches, over all its
    /// inotify instances): a configuration that reloads on change watches its file's directory.</summary>
    public int FileWatches() => Directory.EnumerateFiles($"/proc/{_process.Id}/fdinfo")
        .Sum(fd => File.ReadLines(fd).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal)));

    /// <summary>Waits (at most a minute) for the process to end; its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token); // and for the end of its redirected output
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ListeningOn().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"listening on:? (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
