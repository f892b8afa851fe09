using System.Net;
using System.Net.Sockets;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>TCP listeners on 127.0.0.1 standing in for a database server in start-up tests: one that accepts and never
/// answers, one that relays to a real server, and free ports where nothing listens.</summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _accepted = [];
    private readonly Task _accepting;

    private LoopbackListener(int port, Func<TcpClient, CancellationToken, Task> serve)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(serve);
    }

    public int Port { get; }

    /// <summary>Accepts connections and never sends a byte: a server that does not answer.</summary>
    public static LoopbackListener Silent() => new(0, (_, _) => Task.CompletedTask);

    /// <summary>Relays every connection on <paramref name="port"/> to <paramref name="target"/>.</summary>
    public static LoopbackListener Relay(int port, DnsEndPoint target) => new(port, async (client, ct) =>
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(target.Host, target.Port, ct);
        await Task.WhenAny(client.GetStream().CopyToAsync(upstream.GetStream(), ct), upstream.GetStream().CopyToAsync(client.GetStream(), ct));
    });

    /// <summary>A loopback port nothing listens on (connections to it are refused).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync(Func<TcpClient, CancellationToken, Task> serve)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted) _accepted.Add(client);
                _ = Task.Run(async () =>
                {
                    try { await serve(client, _stop.Token); }
                    catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException) { }
                });
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_accepted) _accepted.ForEach(c => c.Dispose());
    }
}
