using System.Diagnostics;
using System.Net.Sockets;
using EnfixPortal.Tests.Infrastructure;
using EnfixPortal.Tests.Nodes;
using EnfixPortal.Tests.Operations;

namespace EnfixPortal.Tests.Gateway;

/// <summary>Debian's nginx, run as this user from a folder of its own, with deploy/nginx/enfix-forward-auth.conf (the
/// configuration docs/integration.md shows) pointed at a real EnfixPortal node and a <see cref="RecordingUpstream"/>,
/// on loopback ports only. Fails when nginx is missing: test.sh installs it.</summary>
public sealed class NginxGateway : IAsyncLifetime
{
    public static readonly string ConfigFile = Path.Combine(ReadmeScript.RepositoryRoot, "deploy", "nginx", "enfix-forward-auth.conf");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"enfix-nginx-{Guid.NewGuid():N}");
    private Process? _nginx;

    public TestDatabase Database { get; private set; } = null!;
    public Node Enfix { get; private set; } = null!;
    public RecordingUpstream Upstream { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public string ErrorLog => ReadShared(Path.Combine(_folder, "error.log"));
    public string AccessLog => ReadShared(Path.Combine(_folder, "access.log"));

    public async Task InitializeAsync()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed (Debian's nginx package); ./test.sh installs it.");
        Database = await TestDatabase.CreateAsync(Engine.Sqlite);
        Enfix = new Node(Database);
        await Enfix.WaitUntilReadyAsync();
        Upstream = await RecordingUpstream.StartAsync();
        var port = LoopbackListener.FreePort();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "nginx.conf"), MainConfig(port));
        _nginx = Process.Start(new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", _folder, "-c", Path.Combine(_folder, "nginx.conf"), "-e", Path.Combine(_folder, "error.log"), "-g", "daemon off;" },
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        await WaitForPortAsync(port);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    /// <summary>The shipped snippet with this run's ports, inside the main configuration nginx needs to run unprivileged.</summary>
    private string MainConfig(int port)
    {
        var enfix = Enfix.Http.BaseAddress!;
        var snippet = File.ReadAllText(ConfigFile)
            .Replace("server 127.0.0.1:5000;", $"server {enfix.Host}:{enfix.Port};")
            .Replace("server 127.0.0.1:9000;", $"server 127.0.0.1:{Upstream.Port};")
            .Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};");
        var temp = string.Concat(new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
            .Select(kind => $"    {kind}_temp_path {Path.Combine(_folder, kind)};\n"));
        return $"pid {Path.Combine(_folder, "nginx.pid")};\nerror_log {Path.Combine(_folder, "error.log")} info;\n" +
               $"worker_processes 1;\nevents {{ worker_connections 64; }}\nhttp {{\n" +
               $"    access_log {Path.Combine(_folder, "access.log")};\n{temp}{snippet}\n}}\n";
    }

    private async Task WaitForPortAsync(int port)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (_nginx!.HasExited) break;
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException($"nginx did not start: {await _nginx!.StandardError.ReadToEndAsync()}\n{ErrorLog}");
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false }) { _nginx.Kill(entireProcessTree: true); await _nginx.WaitForExitAsync(); }
        _nginx?.Dispose();
        Http?.Dispose();
        if (Upstream is not null) await Upstream.DisposeAsync();
        if (Enfix is not null) await Enfix.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
