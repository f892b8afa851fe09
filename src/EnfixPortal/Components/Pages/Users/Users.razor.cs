using EnfixPortal.Account;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Users;

/// <summary>Users with their active token counts (counted in SQL by <see cref="UserQueries"/>); every change goes through <see cref="UserService"/>.</summary>
public partial class Users
{
    [Inject] private UserQueries Queries { get; set; } = default!;
    [Inject] private UserService Service { get; set; } = default!;
    [Inject] private PortalActor Actor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private MudDataGrid<UserView> _grid = default!;
    private string? _text;
    private bool? _active;
    private DateTime _now;
    private bool _countLimited;

    private async Task<GridData<UserView>> LoadAsync(GridState<UserView> state, CancellationToken ct)
    {
        _now = Time.GetUtcNow().UtcDateTime;
        var page = await Queries.ListAsync(await Actor.GetAsync(),
            new UserQuery(_text, _active, state.Page + 1, state.PageSize, CountLimit: TokenQueries.GridCountLimit), ct);
        if (page.Error is { } error) Snackbar.Add(error.Describe(), Severity.Error);
        _countLimited = page.Value is { TotalIsExact: false };
        return new GridData<UserView> { Items = page.Value?.Items ?? [], TotalItems = page.Value?.Total ?? 0 };
    }

    private Task ReloadAsync() => _grid.ReloadServerData();

    private Task TextChangedAsync(string? text)
    {
        _text = text;
        return ReloadAsync();
    }

    private Task ActiveChangedAsync(bool? active)
    {
        _active = active;
        return ReloadAsync();
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateUserDialog>("New user", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: UserView created }) await ReportAsync(null, $"Created {created.UserName}.");
    }

    private async Task EditAsync(UserView user)
    {
        var dialog = await Dialogs.ShowAsync<EditUserDialog>($"Edit {user.UserName}",
            new DialogParameters<EditUserDialog> { { d => d.User, user } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await ReportAsync(null, $"Saved {user.UserName}.");
    }

    private async Task SetActiveAsync(UserView user, bool active)
    {
        if (!active && !await Dialogs.ConfirmAsync("Deactivate user?",
                $"Deactivate {user.UserName}? They can no longer sign in, and all of their tokens stop working at once.", "Deactivate")) return;
        var changed = await Service.UpdateAsync(await Actor.GetAsync(), user.Id, new UpdateUserRequest(Active: active));
        await ReportAsync(changed.Error?.Describe(), $"{(active ? "Reactivated" : "Deactivated")} {user.UserName}.");
    }

    private async Task ResetPasswordAsync(UserView user)
    {
        var dialog = await Dialogs.ShowAsync<ResetPasswordDialog>($"Reset the password of {user.UserName}",
            new DialogParameters<ResetPasswordDialog> { { d => d.User, user } }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await ReportAsync(null, $"Reset the password of {user.UserName}; their login and OBO tokens stopped, app tokens kept.");
    }

    // "Revoke" deletes everywhere in the portal; this keeps the records, so it says "expire".
    private async Task ExpireAllAsync(UserView user)
    {
        if (!await Dialogs.ConfirmAsync("Expire all tokens?", $"Expire every active app and user token of {user.UserName}? Their records are kept.",
                "Expire all")) return;
        var revoked = await Service.RevokeAllTokensAsync(await Actor.GetAsync(), user.Id);
        await ReportAsync(revoked.Error?.Describe(), $"Expired {revoked.Value} tokens of {user.UserName}.");
    }

    private async Task ReportAsync(string? error, string success)
    {
        Snackbar.Add(error ?? success, error is null ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }
}
