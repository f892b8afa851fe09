using System.Collections.Concurrent;
using EnfixPortal.Api.Changes;

namespace EnfixPortal.Tests.Nodes;

/// <summary>What a node's change feed announces from now on, as an open page would hear it.</summary>
public sealed class HeardChanges : IDisposable
{
    private readonly ChangeFeed _feed;
    private readonly ConcurrentQueue<ChangeAreas> _areas = new();

    public HeardChanges(Node node)
    {
        _feed = node.Get<ChangeFeed>();
        _feed.Changed += _areas.Enqueue;
    }

    public async Task<bool> WithinAsync(ChangeAreas area, TimeSpan limit)
    {
        for (var deadline = DateTime.UtcNow + limit; DateTime.UtcNow < deadline; await Task.Delay(10))
            if (_areas.Any(a => a.HasFlag(area))) return true;
        return _areas.Any(a => a.HasFlag(area));
    }

    public override string ToString() => _areas.IsEmpty ? "nothing" : string.Join(", ", _areas);

    public void Dispose() => _feed.Changed -= _areas.Enqueue;
}
