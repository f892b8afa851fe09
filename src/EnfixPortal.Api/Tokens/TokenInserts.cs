using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;

namespace EnfixPortal.Api.Tokens;

/// <summary>Group commit for new tokens. Creations that arrive while a commit is under way wait for the next one and go
/// into the database together, each with its audit events, in one transaction: with synchronous=FULL every commit costs
/// a disk flush, so concurrent creations share one flush instead of queueing for one each. A creation is acknowledged
/// only once the commit that holds it has returned; a group that fails is written again one by one, so one bad row
/// fails only its own creation. Never call it inside an open write transaction: the group's own transaction would
/// queue behind that one (<see cref="Infrastructure.Persistence.SqliteWriteGate"/>).</summary>
public sealed class TokenInserts(IDbContextFactory<EnfixDbContext> dbFactory)
{
    public const int MaxGroup = 256;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _writing;

    public Task AddAsync(Token token, IReadOnlyList<AuditEvent> audits)
    {
        var pending = new Pending(token, audits, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0) _ = Task.Run(WriteAsync);
        return pending.Done.Task;
    }

    /// <summary>One writer at a time drains the queue; it stops when the queue is empty, and whoever enqueues next starts it again.</summary>
    private async Task WriteAsync()
    {
        while (true)
        {
            var group = new List<Pending>();
            while (group.Count < MaxGroup && _queue.TryDequeue(out var next)) group.Add(next);
            if (group.Count > 0)
            {
                await CommitAsync(group);
                continue;
            }
            Volatile.Write(ref _writing, 0);
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0) return;
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            await SaveAsync(group);
            foreach (var pending in group) pending.Done.TrySetResult();
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var pending in group) await CommitAsync([pending]);
        }
        catch (Exception ex)
        {
            group[0].Done.TrySetException(ex);
        }
    }

    private async Task SaveAsync(List<Pending> group)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        foreach (var (token, audits, _) in group)
        {
            token.Id = 0; // a failed group may have left keys behind; the database gives new ones
            db.Tokens.Add(token);
            foreach (var audit in audits)
            {
                audit.Id = 0;
                db.AuditEvents.Add(audit);
            }
        }
        await db.SaveChangesAsync();
    }

    private sealed record Pending(Token Token, IReadOnlyList<AuditEvent> Audits, TaskCompletionSource Done);
}
