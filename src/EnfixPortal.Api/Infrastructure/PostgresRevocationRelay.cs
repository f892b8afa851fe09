using System.Security.Cryptography;
using System.Threading.Channels;
using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EnfixPortal.Api.Infrastructure;

/// <summary>Carries revocations and changes between nodes that share one PostgreSQL database: every local revocation
/// and every committed change (<see cref="ChangeFeed"/>) becomes a <c>NOTIFY</c>, and a connection of its own
/// <c>LISTEN</c>s for the other nodes' notices: a revocation is evicted from this node's validation cache, a change is
/// told to this node's open pages. Notices sent while it is not listening are lost, so each (re)connection empties the
/// cache and tells the pages that anything may have changed; the cache's bounded lifetime is the last safety net.</summary>
public sealed class PostgresRevocationRelay : BackgroundService, IRunNotices
{
    public const string Channel = "enfix_revocations";
    public const string ListenerApplicationPrefix = "enfix-revocations-";
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    private readonly Channel<string> _outbox = System.Threading.Channels.Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly string _connectionString;
    private readonly string _listenConnectionString;
    private readonly ValidationCache _cache;
    private readonly ChangeFeed _changes;
    private readonly ILogger<PostgresRevocationRelay> _logger;
    private volatile bool _listening;

    public PostgresRevocationRelay(string connectionString, TokenRevocations revocations, ValidationCache cache, ChangeFeed changes,
        ILogger<PostgresRevocationRelay> logger)
    {
        (_connectionString, _cache, _changes, _logger) = (connectionString, cache, changes, logger);
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = ListenerApplicationPrefix + Node }.ConnectionString;
        revocations.TokenChanged += hash => _outbox.Writer.TryWrite(RevocationNotice.ForToken(Node, hash));
        revocations.UserChanged += userId => _outbox.Writer.TryWrite(RevocationNotice.ForUser(Node, userId));
        changes.CommittedHere += areas => _outbox.Writer.TryWrite(RevocationNotice.ForChanges(Node, areas));
    }

    public string Node { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Whether this node hears the others right now (reported by <c>/readyz</c>).</summary>
    public bool IsListening => _listening;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var backoff = MinBackoff;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                _cache.Clear();
                _changes.Heard(ChangeAreas.All);
                (_listening, backoff) = (true, MinBackoff);
                _logger.LogInformation("Node {Node} listens for revocations from other nodes", Node);
                while (true)
                {
                    if (await connection.WaitAsync(PingInterval, ct)) continue;
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteNonQueryAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                _listening = false;
                _cache.Clear();
                _logger.LogWarning(ex, "Not hearing revocations from other nodes; retrying in {Delay}", backoff);
                if (!await DelayAsync(backoff, ct)) break;
                backoff = Longer(backoff);
            }
        }
        _listening = false;
    }

    private void Receive(string payload)
    {
        if (RevocationNotice.Parse(payload) is { } notice && notice.Node != Node) notice.ApplyTo(_cache, _changes);
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var batch = new List<string>();
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(ct))
            {
                var backoff = MinBackoff;
                while (true)
                {
                    while (_outbox.Reader.TryRead(out var notice)) batch.Add(notice);
                    if (await TryNotifyAsync(batch, ct)) break;
                    if (!await DelayAsync(backoff, ct)) return;
                    backoff = Longer(backoff);
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Sends what this process has to tell the other nodes now, for a process that does not run the relay in the
    /// background (a command-line run): a few tries, then it gives up and says so.</summary>
    public async Task<bool> FlushAsync(CancellationToken ct = default)
    {
        var batch = new List<string>();
        while (_outbox.Reader.TryRead(out var notice)) batch.Add(notice);
        if (batch.Count == 0) return true;
        var backoff = MinBackoff;
        for (var tries = 1; ; tries++)
        {
            if (await TryNotifyAsync(batch, ct)) return true;
            if (tries == 3 || !await DelayAsync(backoff, ct)) return false;
            backoff = Longer(backoff);
        }
    }

    private async Task<bool> TryNotifyAsync(List<string> batch, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', p) FROM unnest(@payloads) AS p", connection);
            notify.Parameters.AddWithValue("payloads", batch.ToArray());
            await notify.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not tell other nodes about {Count} revocations; will retry", batch.Count);
            return false;
        }
    }

    private static TimeSpan Longer(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); return true; }
        catch (OperationCanceledException) { return false; }
    }
}
