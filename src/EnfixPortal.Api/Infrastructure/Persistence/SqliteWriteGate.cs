using System.Data.Common;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>Queues this process's SQLite write transactions one behind the other. SQLite admits one writer at a time;
/// left to its busy handler, a writer that finds the lock taken sleeps 1, 2, 5, 10... ms before trying again, so under
/// concurrent writes most of the time goes to sleeping. Queued here, the next writer starts the moment the last one
/// commits. The gate is released at commit, rollback, failure or when the connection closes or is disposed, whichever
/// comes first; a writer that waits longer than the busy timeout goes ahead and lets SQLite's own locking decide.</summary>
internal sealed class SqliteWriteGate(ILogger<SqliteWriteGate> logger) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(SqlitePragmas.BusyTimeoutMilliseconds);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, bool> _holders = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Hold(eventData.ConnectionId, _gate.Wait(Patience));
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Hold(eventData.ConnectionId, await _gate.WaitAsync(Patience, cancellationToken));
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.ConnectionId);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.ConnectionId);

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.ConnectionId);

    InterceptionResult IDbConnectionInterceptor.ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(eventData.ConnectionId);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result)
    {
        Release(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    InterceptionResult IDbConnectionInterceptor.ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(eventData.ConnectionId);
        return result;
    }

    ValueTask<InterceptionResult> IDbConnectionInterceptor.ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result)
    {
        Release(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    /// <summary>No write transaction of this process holds the gate.</summary>
    public bool IsFree => _gate.CurrentCount == 1;

    private void Hold(Guid connection, bool entered)
    {
        if (entered) _holders[connection] = true;
        else logger.LogWarning("A SQLite write waited {Seconds} s for this process's previous write; going ahead without the queue",
            Patience.TotalSeconds);
    }

    private Task Release(Guid connection)
    {
        if (_holders.TryRemove(connection, out _)) _gate.Release();
        return Task.CompletedTask;
    }
}
