using EnfixPortal.Api.Tokens;
using EnfixPortal.Components.Shared;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Tokens;

/// <summary>The grid's actions: create, expire, change expiry, regenerate and revoke, one token or the ticked ones, and extend
/// the ticked ones.</summary>
public partial class TokenGrid
{
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
        if (!await Dialogs.ConfirmAsync("Expire token?", $"Expire {Label(token)} of {token.UserName} now? It stops working at once; its record is kept.",
                "Expire")) return;
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

    private async Task RegenerateAsync(TokenView token)
    {
        var dialog = await Dialogs.ShowAsync<RotateTokenDialog>($"Regenerate {Label(token)}",
            new DialogParameters<RotateTokenDialog> { { d => d.Token, token }, { d => d.Family, Family } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task RevokeAsync(TokenView token)
    {
        if (!await Dialogs.ConfirmAsync("Revoke token?", $"Revoke {Label(token)} of {token.UserName}? It stops working at once and its record is deleted.",
                "Revoke")) return;
        var deleted = await Tokens.DeleteAsync(await Actor.GetAsync(), Family, token.Accessor);
        await ReportAsync(deleted.Error?.Describe(), $"Revoked {Label(token)}.");
    }

    // The dialog lists the very tokens the action then touches: a snapshot taken once, before asking.
    private async Task BulkAsync(bool delete)
    {
        var chosen = _selected.ToList();
        var verb = delete ? "Revoke" : "Expire";
        var confirmed = await Dialogs.ConfirmAsync($"{verb} {chosen.Count} {Noun(chosen.Count)}?",
            delete ? "These stop working at once and their records are deleted:" : "These stop working at once; their records are kept:",
            verb, [.. chosen.Select(t => $"{Label(t)} · {t.UserName}")]);
        if (!confirmed) return;
        var (actor, accessors) = (await Actor.GetAsync(), chosen.ConvertAll(t => t.Accessor));
        var done = delete ? await Bulk.DeleteAsync(actor, Family, accessors) : await Bulk.ExpireAsync(actor, Family, accessors);
        ClearSelection();
        var count = done.Value?.Changed.Count ?? 0;
        await ReportAsync(done.Error?.Describe(), $"{(delete ? "Revoked" : "Expired")} {count} {Noun(count)}.");
    }

    private async Task ExtendSelectedAsync()
    {
        var chosen = _selected.ToList();
        var dialog = await Dialogs.ShowAsync<ExtendTokensDialog>($"Extend {chosen.Count} {Noun(chosen.Count)}",
            new DialogParameters<ExtendTokensDialog> { { d => d.Tokens, chosen }, { d => d.Family, Family } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is not { Canceled: false, Data: TokenBatch result }) return;
        ClearSelection();
        var count = result.Changed.Count;
        await ReportAsync(null, $"Extended {count} {Noun(count)}" + (result.Refused.Count > 0 ? $"; {result.Refused.Count} not." : "."));
    }

    private static string Noun(int count) => count == 1 ? "token" : "tokens";

    private async Task ReportAsync(string? error, string success)
    {
        Snackbar.Add(error ?? success, error is null ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }
}
