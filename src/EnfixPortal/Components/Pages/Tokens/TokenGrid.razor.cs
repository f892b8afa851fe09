using EnfixPortal.Account;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Tokens;

/// <summary>One grid for both token families: paging, sorting and filters go to <see cref="TokenQueries"/> in SQL;
/// every action goes through <see cref="TokenService"/> or <see cref="TokenChanges"/>.</summary>
public partial class TokenGrid
{
    [Parameter, EditorRequired] public TokenFamily Family { get; set; }
    [Parameter] public string Title { get; set; } = "Tokens";
    /// <summary>The grid counts up to this many matches, then says "more than": counting on costs more than the page.</summary>
    [Parameter] public int CountLimit { get; set; } = TokenQueries.GridCountLimit;
    /// <summary>The search the grid opens with (a name, hint or accessor start), e.g. from a link on the audit log.</summary>
    [Parameter] public string? Search { get; set; }

    [Inject] private TokenQueries Queries { get; set; } = default!;
    [Inject] private TokenService Tokens { get; set; } = default!;
    [Inject] private TokenChanges Bulk { get; set; } = default!;
    [Inject] private UserNames Names { get; set; } = default!;
    [Inject] private PortalActor Actor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private MudDataGrid<TokenView> _grid = default!;
    private HashSet<TokenView> _selected = new(ByAccessor.Instance);
    private IReadOnlyDictionary<string, string> _issuers = new Dictionary<string, string>();
    private UserView? _owner;
    private TokenStatus _status;
    private TokenKind? _kind;
    private TokenAttention _attention;
    private string? _text;
    private string? _scope;
    private DateTime _now;
    private bool _countLimited;
    private bool _refreshing;

    protected override void OnInitialized() => _text = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();

    private string CreateLabel => Family == TokenFamily.App ? "New app token" : "New OBO token";

    private async Task<GridData<TokenView>> LoadAsync(GridState<TokenView> state, CancellationToken ct)
    {
        var keep = _refreshing ? _selected : null;
        ClearSelection();
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new TokenQuery(Family, _owner?.Id, _kind, _status, _text, SortOf(sort?.SortBy), sort?.Descending ?? true,
            state.Page + 1, state.PageSize, CountLimit, _scope, _attention);
        var actor = await Actor.GetAsync();
        _now = Time.GetUtcNow().UtcDateTime;
        var page = await Queries.ListAsync(actor, query, ct);
        if (page.Error is { } error)
        {
            Snackbar.Add(error.Describe(), Severity.Error);
            return new GridData<TokenView> { Items = [], TotalItems = 0 };
        }
        var found = page.Value!;
        if (Family == TokenFamily.User)
            _issuers = (await Names.GetAsync(actor, found.Items.Select(t => t.IssuedById).OfType<string>(), ct)).Value ?? [];
        _countLimited = !found.TotalIsExact;
        if (keep is { Count: > 0 }) Select(found.Items.Where(keep.Contains));
        return new GridData<TokenView> { Items = found.Items, TotalItems = found.Total };
    }

    private static TokenSort SortOf(string? column) => column switch
    {
        nameof(TokenView.ExpiresAt) => TokenSort.ExpiresAt,
        nameof(TokenView.LastUsedAt) => TokenSort.LastUsedAt,
        nameof(TokenView.Name) => TokenSort.Name,
        _ => TokenSort.CreatedAt,
    };

    private string IssuerName(TokenView token) =>
        token.IssuedById is null ? "—" : _issuers.GetValueOrDefault(token.IssuedById, token.IssuedById);

    internal static string Label(TokenView token) => token.Name is { Length: > 0 } name ? $"{name} ({token.Hint}…)" : $"token {token.Hint}…";

    public Task ReloadAsync() => _grid.ReloadServerData();

    /// <summary>A change made elsewhere reloads the grid but keeps the ticks on rows still shown; any other reload clears them.</summary>
    private async Task RefreshAsync()
    {
        _refreshing = true;
        try { await ReloadAsync(); }
        finally { _refreshing = false; }
    }

    // The grid owns the set it ticks; keeping its reference keeps the count shown and the rows ticked the same set.
    private void SelectionChanged(HashSet<TokenView> selected) => _selected = selected;

    // A new set, passed down as the grid's parameter, unticks every row; the grid never sees it mutated behind its back.
    private void ClearSelection() => Select([]);

    private void Select(IEnumerable<TokenView> rows)
    {
        var selected = new HashSet<TokenView>(rows, ByAccessor.Instance);
        if (selected.Count == 0 && _selected.Count == 0) return;
        _selected = selected;
        StateHasChanged();
    }

    private Task OwnerChangedAsync(UserView? owner) => Filter(ref _owner, owner);
    private Task StatusChangedAsync(TokenStatus status) => Filter(ref _status, status);
    private Task KindChangedAsync(TokenKind? kind) => Filter(ref _kind, kind);
    private Task AttentionChangedAsync(TokenAttention attention) => Filter(ref _attention, attention);
    private Task TextChangedAsync(string? text) => Filter(ref _text, string.IsNullOrEmpty(text) ? null : text);
    private Task ScopeChangedAsync(string? scope) => Filter(ref _scope, string.IsNullOrWhiteSpace(scope) ? null : scope.Trim());

    // A search box also reports its unchanged text when it loses focus; only a real change reloads (and unticks).
    private Task Filter<TValue>(ref TValue field, TValue value)
    {
        if (EqualityComparer<TValue>.Default.Equals(field, value)) return Task.CompletedTask;
        field = value;
        return ReloadAsync();
    }
}

/// <summary>Rows are the same token when their accessors match, whatever else changed since the last load.</summary>
public sealed class ByAccessor : IEqualityComparer<TokenView>
{
    public static readonly ByAccessor Instance = new();
    public bool Equals(TokenView? x, TokenView? y) => x?.Accessor == y?.Accessor;
    public int GetHashCode(TokenView obj) => obj.Accessor.GetHashCode(StringComparison.Ordinal);
}
