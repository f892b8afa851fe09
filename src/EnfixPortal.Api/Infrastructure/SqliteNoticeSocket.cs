using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Infrastructure;

/// <summary>On SQLite, lets a command-line run against the database file tell the server running on the same file what it
/// changed, as PostgreSQL nodes tell each other (<see cref="PostgresRevocationRelay"/>): the server listens on a Unix
/// domain socket beside the file (<c>enfix.db-notices</c>, for the file's owner only), and a command-line run sends its
/// revocations and changes there before it exits. The server evicts them from its validation cache and tells its open
/// pages. When no server runs on the file, a run has no one to tell.</summary>
public sealed class SqliteNoticeSocket : BackgroundService, IRunNotices
{
    public const string Suffix = "-notices";
    private const int MaxPathBytes = 107; // a socket address holds 108 bytes, the last one NUL
    private const int MaxDatagram = 16 * 1024;

    private readonly ConcurrentQueue<string> _committed = new();
    private readonly ValidationCache _cache;
    private readonly ChangeFeed _changes;
    private readonly ILogger<SqliteNoticeSocket> _logger;
    private volatile bool _serving;

    public SqliteNoticeSocket(string? databasePath, TokenRevocations revocations, ValidationCache cache, ChangeFeed changes,
        ILogger<SqliteNoticeSocket> logger)
    {
        (Path, _cache, _changes, _logger) = (databasePath is null ? null : databasePath + Suffix, cache, changes, logger);
        revocations.TokenChanged += hash => Remember(RevocationNotice.ForToken(Node, hash));
        revocations.UserChanged += userId => Remember(RevocationNotice.ForUser(Node, userId));
        changes.CommittedHere += areas => Remember(RevocationNotice.ForChanges(Node, areas));
    }

    /// <summary>The socket's path; null for an in-memory database.</summary>
    public string? Path { get; }

    private string Node { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    // The server tells no one: only a run that does not serve keeps what it committed.
    private void Remember(string notice)
    {
        if (!_serving) _committed.Enqueue(notice);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _serving = true;
        _committed.Clear();
        if (Path is null) return;
        if (Encoding.UTF8.GetByteCount(Path) > MaxPathBytes)
        {
            _logger.LogWarning("The database path is too long for a notice socket beside it ({Path}): command-line changes reach this server only as its cached tokens expire", Path);
            return;
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            File.Delete(Path); // left behind by a server that did not stop cleanly
            socket.Bind(new UnixDomainSocketEndPoint(Path));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(ex, "Could not listen for command-line changes at {Path}: they reach this server only as its cached tokens expire", Path);
            return;
        }
        try
        {
            var buffer = new byte[MaxDatagram];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, stoppingToken);
                foreach (var line in Encoding.UTF8.GetString(buffer, 0, received).Split('\n'))
                    if (RevocationNotice.Parse(line) is { } notice && notice.Node != Node) notice.ApplyTo(_cache, _changes);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public async Task<bool> FlushAsync(CancellationToken ct = default)
    {
        if (_committed.IsEmpty || Path is null || !File.Exists(Path)) return true;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path), ct);
            foreach (var datagram in Datagrams()) await socket.SendAsync(datagram, SocketFlags.None, ct);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true; // a socket left behind by a server that has stopped: no one to tell
        }
        catch (SocketException ex)
        {
            _logger.LogWarning(ex, "Could not tell the running server of this run's changes at {Path}", Path);
            return false;
        }
    }

    private IEnumerable<byte[]> Datagrams()
    {
        var datagram = new StringBuilder();
        while (_committed.TryDequeue(out var notice))
        {
            if (datagram.Length > 0 && datagram.Length + notice.Length + 1 > MaxDatagram)
            {
                yield return Encoding.UTF8.GetBytes(datagram.ToString());
                datagram.Clear();
            }
            if (datagram.Length > 0) datagram.Append('\n');
            datagram.Append(notice);
        }
        if (datagram.Length > 0) yield return Encoding.UTF8.GetBytes(datagram.ToString());
    }
}
