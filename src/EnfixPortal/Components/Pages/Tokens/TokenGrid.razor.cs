using EnfixPortal.Account;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Tokens;

/// <summary>One grid for both token families: paging, sorting and filters go to <see cref="TokenQueries"/> in SQL;
/// every action goes through <see cref="TokenService"/> or <see cref="TokenBulk"/>.</summary>
public partial class TokenGrid
{
    [Parameter, EditorRequired] public TokenFamily Family { get; set; }
    [Parameter] public string Title { get; set; } = "Tokens";
    /// <summary>The grid counts up to this many matches, then says "more than": counting on costs more than the page.</summary>
    [Parameter] public int CountLimit { get; set; } = TokenQueries.GridCountLimit;

    [Inject] private TokenQueries Queries { get; set; } = default!;
    [Inject] private TokenService Tokens { get; set; } = default!;
    [Inject] private TokenBulk Bulk { get; set; } = default!;
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
    private string? _text;
    private DateTime _now;
    private bool _countLimited;

    private string CreateLabel => Family == TokenFamily.App ? "New app token" : "New OBO token";

    private async Task<GridData<TokenView>> LoadAsync(GridState<TokenView> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new TokenQuery(Family, _owner?.Id, _kind, _status, _text, SortOf(sort?.SortBy), sort?.Descending ?? true,
            state.Page + 1, state.PageSize, CountLimit);
        var actor = await Actor.GetAsync();
        _now = Time.GetUtcNow().UtcDateTime;
        var page = await Queries.ListAsync(actor, query, ct);
        if (page.Error is { } error)
        {
            Snackbar.Add(error.Describe(), Severity.Error);
            return new GridData<TokenView> { Items = [], TotalItems = 0 };
        }
        if (Family == TokenFamily.User)
            _issuers = (await Names.GetAsync(actor, page.Value!.Items.Select(t => t.IssuedById).OfType<string>(), ct)).Value ?? [];
        _selected.IntersectWith(page.Value!.Items);
        _countLimited = !page.Value.TotalIsExact;
        return new GridData<TokenView> { Items = page.Value!.Items, TotalItems = page.Value.Total };
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

    private static string Label(TokenView token) => token.Name is { Length: > 0 } name ? $"{name} ({token.Hint}…)" : $"token {token.Hint}…";

    public Task ReloadAsync() => _grid.ReloadServerData();

    private Task OwnerChangedAsync(UserView? owner) => Filter(() => _owner = owner);
    private Task StatusChangedAsync(TokenStatus status) => Filter(() => _status = status);
    private Task KindChangedAsync(TokenKind? kind) => Filter(() => _kind = kind);
    private Task TextChangedAsync(string? text) => Filter(() => _text = text);

    private Task Filter(Action change)
    {
        change();
        return ReloadAsync();
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateTokenDialog>(CreateLabel,
            new DialogParameters<CreateTokenDialog> { { d => d.Family, Family } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task ExpireNowAsync(TokenView token)
    {
        var changed = await Tokens.ChangeAsync(await Actor.GetAsync(), Family, token.Accessor, new ChangeTokenRequest(SecondsUntilExpire: -1));
        await ReportAsync(changed.Error?.Describe(), $"Expired {Label(token)}.");
    }

    private async Task ChangeExpiryAsync(TokenView token)
    {
        var dialog = await Dialogs.ShowAsync<ChangeExpiryDialog>($"Change expiry of {Label(token)}",
            new DialogParameters<ChangeExpiryDialog> { { d => d.Token, token }, { d => d.Family, Family } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await ReportAsync(null, $"Changed the expiry of {Label(token)}.");
    }

    private async Task RevokeAsync(TokenView token)
    {
        if (await Dialogs.ShowMessageBoxAsync("Revoke token?", $"Revoke {Label(token)} of {token.UserName}? It stops working at once and its record is deleted.",
                yesText: "Revoke", cancelText: "Cancel") != true) return;
        var deleted = await Tokens.DeleteAsync(await Actor.GetAsync(), Family, token.Accessor);
        await ReportAsync(deleted.Error?.Describe(), $"Revoked {Label(token)}.");
    }

    private async Task BulkAsync(bool delete)
    {
        var verb = delete ? "Revoke" : "Expire";
        if (await Dialogs.ShowMessageBoxAsync($"{verb} {_selected.Count} tokens?",
                delete ? "They stop working at once and their records are deleted." : "They stop working at once; their records are kept.",
                yesText: verb, cancelText: "Cancel") != true) return;
        var count = await Bulk.ApplyAsync(await Actor.GetAsync(), Family, _selected.Select(t => t.Accessor).ToList(), delete);
        _selected.Clear();
        await ReportAsync(null, $"{(delete ? "Revoked" : "Expired")} {count} tokens.");
    }

    private async Task ReportAsync(string? error, string success)
    {
        Snackbar.Add(error ?? success, error is null ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }
}

/// <summary>Rows are the same token when their accessors match, whatever else changed since the last load.</summary>
public sealed class ByAccessor : IEqualityComparer<TokenView>
{
    public static readonly ByAccessor Instance = new();
    public bool Equals(TokenView? x, TokenView? y) => x?.Accessor == y?.Accessor;
    public int GetHashCode(TokenView obj) => obj.Accessor.GetHashCode(StringComparison.Ordinal);
}
