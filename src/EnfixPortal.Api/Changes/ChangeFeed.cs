using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Changes;

/// <summary>Tells whoever shows data (open portal pages) that something changed, through any door and on any node, once
/// it has committed. It carries only which areas changed, never the data: a listener reads again what it shows.</summary>
public sealed class ChangeFeed(ILogger<ChangeFeed> logger)
{
    /// <summary>Every change: committed by this process, or announced by another node.</summary>
    public event Action<ChangeAreas>? Changed;

    /// <summary>Only the changes this process committed: what the other nodes must be told.</summary>
    public event Action<ChangeAreas>? CommittedHere;

    public void Committed(ChangeAreas areas)
    {
        if (areas == ChangeAreas.None) return;
        Raise(CommittedHere, areas);
        Raise(Changed, areas);
    }

    /// <summary>A change another node (or a command-line run) committed; never told on to other nodes.</summary>
    public void Heard(ChangeAreas areas)
    {
        if (areas != ChangeAreas.None) Raise(Changed, areas);
    }

    // A listener that throws must not fail the change that was already committed, nor keep the others from hearing it.
    private void Raise(Action<ChangeAreas>? listeners, ChangeAreas areas)
    {
        if (listeners is null) return;
        foreach (var listener in listeners.GetInvocationList().Cast<Action<ChangeAreas>>())
        {
            try { listener(areas); }
            catch (Exception ex) { logger.LogWarning(ex, "A listener of the change feed failed on {Areas}", areas); }
        }
    }
}
