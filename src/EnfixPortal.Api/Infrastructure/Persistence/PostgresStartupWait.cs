using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>At start, waits for a PostgreSQL server that is not up yet — refusing connections, a host name that does not
/// resolve yet, or no answer — for <see cref="DatabaseOptions.StartupTimeout"/>, with a progress line every few seconds,
/// then gives up with one sentence naming the address and what to do. A server that answers but refuses the login or
/// the database is reported at once: waiting would not change it. A missing database is fine: migrations create it.</summary>
internal sealed class PostgresStartupWait(string connectionString, TimeSpan timeout, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public async Task WaitAsync(CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var address = $"{target.Host}:{target.Port}";
        var started = time.GetTimestamp();
        var lastProgress = TimeSpan.MinValue;
        while (true)
        {
            var remaining = timeout - time.GetElapsedTime(started);
            string problem;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attempt.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromSeconds(1));
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(attempt.Token);
                    return;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
                {
                    return; // the server answers; the database itself is created by the migrations
                }
                catch (PostgresException ex) when (ex.SqlState != PostgresErrorCodes.CannotConnectNow)
                {
                    throw new DatabaseUnavailableException(
                        $"PostgreSQL at {address} refused the connection as user '{target.Username}' to database '{target.Database}': " +
                        $"{ex.MessageText}; fix {DatabaseOptions.ConnectionStringKey}.", ex);
                }
                catch (Exception ex) when (Transient(ex, ct) is { } reason)
                {
                    problem = reason;
                }
            }
            var waited = time.GetElapsedTime(started);
            if (waited >= timeout)
                throw new DatabaseUnavailableException(
                    $"PostgreSQL at {address} is not reachable ({problem}) after waiting {Seconds(timeout)}: start it or fix " +
                    $"{DatabaseOptions.ConnectionStringKey} (host, port), or wait longer with {DatabaseOptions.Section}:StartupTimeout.");
            if (lastProgress == TimeSpan.MinValue || waited - lastProgress >= ProgressEvery)
            {
                lastProgress = waited;
                logger.LogWarning("Waiting for PostgreSQL at {Address} ({Problem}), {Waited} so far; giving up after {Timeout} ({Setting}:StartupTimeout)",
                    address, problem, Seconds(waited), Seconds(timeout), DatabaseOptions.Section);
            }
            await Task.Delay(Retry, time, ct);
        }
    }

    private static string? Transient(Exception ex, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return null;
        if (ex is OperationCanceledException or TimeoutException || ex.InnerException is TimeoutException) return "no answer";
        if (ex is PostgresException) return "the server is starting up";
        return (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "unknown host",
            SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no answer",
            null => ex is NpgsqlException ? ex.Message : null,
            var other => other.ToString(),
        };
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";
}
