using EnfixPortal.Account;
using EnfixPortal.Api.Auditing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Audit;

/// <summary>The audit trail, paged in SQL by <see cref="AuditQueries"/>; the export link carries the same filters.</summary>
public partial class AuditLog
{
    [Inject] private AuditQueries Queries { get; set; } = default!;
    [Inject] private PortalActor Actor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private MudDataGrid<AuditEventView> _grid = default!;
    private string? _actor;
    private string? _action;
    private DateRange? _range;
    private DateTime _now;

    // The picker's days are whole UTC days; the end day is included.
    private DateTime? From => _range?.Start is { } start ? DateTime.SpecifyKind(start.Date, DateTimeKind.Utc) : null;
    private DateTime? To => _range?.End is { } end ? DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Utc) : null;

    private AuditQuery Query(int page = 1, int perPage = 50) => new(_actor, _action, From, To, page, perPage);

    private string ExportUrl
    {
        get
        {
            var query = new Dictionary<string, string?> { ["actor"] = _actor, ["action"] = _action, ["from"] = From?.ToString("O"), ["to"] = To?.ToString("O") };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(AuditExportEndpoint.Path.TrimStart('/'),
                query.Where(q => !string.IsNullOrEmpty(q.Value)));
        }
    }

    private async Task<GridData<AuditEventView>> LoadAsync(GridState<AuditEventView> state, CancellationToken ct)
    {
        _now = Time.GetUtcNow().UtcDateTime;
        var page = await Queries.ListAsync(await Actor.GetAsync(), Query(state.Page + 1, state.PageSize), ct);
        if (page.Error is { } error) Snackbar.Add(error.Describe(), Severity.Error);
        return new GridData<AuditEventView> { Items = page.Value?.Items ?? [], TotalItems = page.Value?.Total ?? 0 };
    }

    private Task ReloadAsync() => _grid.ReloadServerData();

    private Task ActorChangedAsync(string? actor) => Filter(() => _actor = actor);
    private Task ActionChangedAsync(string? action) => Filter(() => _action = action);
    private Task RangeChangedAsync(DateRange? range) => Filter(() => _range = range);

    private Task Filter(Action change)
    {
        change();
        return ReloadAsync();
    }
}
