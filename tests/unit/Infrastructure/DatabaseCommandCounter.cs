using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>Counts (and keeps the text of) the SQL commands EF Core sends to one database, from EF's own diagnostic events.</summary>
public sealed class DatabaseCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly TestDatabase _database;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<string> _texts = [];
    private int _count;

    public DatabaseCommandCounter(TestDatabase database)
    {
        _database = database;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> Texts
    {
        get { lock (_texts) return [.. _texts]; }
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && data.Command.Connection is { } connection && _database.Holds(connection))
        {
            Interlocked.Increment(ref _count);
            lock (_texts) _texts.Add(data.Command.CommandText);
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
    }
}
