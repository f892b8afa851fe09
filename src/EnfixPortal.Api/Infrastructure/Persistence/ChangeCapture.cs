using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>Announces each unit of work on the <see cref="ChangeFeed"/> once it has committed. Every change in the service
/// layer adds audit events in the same unit of work, and their actions say which areas changed; a save inside an explicit
/// transaction is announced at its commit, and not at all if the transaction rolls back.</summary>
internal sealed class ChangeCapture(ChangeFeed feed) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Unannounced> _contexts = new();

    InterceptionResult<int> ISaveChangesInterceptor.SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    ValueTask<InterceptionResult<int>> ISaveChangesInterceptor.SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, saving: true);

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context, saving: true);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Commit(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Commit(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, saving: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: false);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context, saving: false);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: false);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is null) return;
        // Audit events are only ever added, which marks them at once: no need for a scan of every tracked entity here
        // (the save scans once itself).
        var tracker = context.ChangeTracker;
        var detects = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        var areas = ChangeAreas.None;
        try
        {
            foreach (var entry in tracker.Entries<AuditEvent>())
                if (entry.State == EntityState.Added) areas |= ChangeAreasOf.Action(entry.Entity.Action);
        }
        finally { tracker.AutoDetectChangesEnabled = detects; }
        if (areas != ChangeAreas.None) _contexts.GetOrCreateValue(context).Saving = areas;
    }

    // A save that ran in a transaction of its own has committed by now; one inside the caller's transaction waits for it.
    private void Saved(DbContext? context)
    {
        if (context is null || !_contexts.TryGetValue(context, out var unannounced) || unannounced.Saving == ChangeAreas.None) return;
        var areas = unannounced.Saving;
        unannounced.Saving = ChangeAreas.None;
        if (context.Database.CurrentTransaction is null) feed.Committed(areas);
        else unannounced.AtCommit |= areas;
    }

    private void Commit(DbContext? context)
    {
        if (context is null || !_contexts.TryGetValue(context, out var unannounced) || unannounced.AtCommit == ChangeAreas.None) return;
        var areas = unannounced.AtCommit;
        unannounced.AtCommit = ChangeAreas.None;
        feed.Committed(areas);
    }

    private void Forget(DbContext? context, bool saving)
    {
        if (context is null || !_contexts.TryGetValue(context, out var unannounced)) return;
        if (saving) unannounced.Saving = ChangeAreas.None;
        else unannounced.AtCommit = ChangeAreas.None;
    }

    private sealed class Unannounced
    {
        public ChangeAreas Saving;
        public ChangeAreas AtCommit;
    }
}
