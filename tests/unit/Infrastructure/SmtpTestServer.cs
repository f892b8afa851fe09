using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>Debian's SMTP server for tests (python3-aiosmtpd, which ./test.sh installs) on 127.0.0.1, keeping every
/// message it receives in a Maildir. Missing, it fails the test and says what to install.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), $"enfix-smtp-{Guid.NewGuid():N}");
    private Process? _process;

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A free loopback port with nothing listening on it (yet).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SmtpTestServer> StartAsync(int? port = null)
    {
        var server = new SmtpTestServer(port ?? FreePort());
        await server.StartAsync();
        return server;
    }

    private async Task StartAsync()
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing; run ./test.sh, which installs Debian's python3-aiosmtpd.");
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        var errors = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The test SMTP server did not start (is Debian's python3-aiosmtpd installed? ./test.sh installs it): {await errors}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException($"The test SMTP server did not listen on 127.0.0.1:{Port} within 15 seconds.");
    }

    /// <summary>Every message received so far, in the order received. (A maildir file's name starts with the second and then
    /// the microsecond it was written, the latter not zero-padded, so two messages of one second would not sort by name.)</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            var received = Path.Combine(_maildir, "new");
            return Directory.Exists(received)
                ? Directory.GetFiles(received).OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal)
                    .Select(f => MimeMessage.Load(f)).ToList()
                : [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (Directory.Exists(_maildir)) Directory.Delete(_maildir, recursive: true);
    }
}
