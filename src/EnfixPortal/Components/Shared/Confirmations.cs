using MudBlazor;

namespace EnfixPortal.Components.Shared;

/// <summary>Asks before anything that cannot be undone, listing what it will touch.</summary>
public static class Confirmations
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText,
        IReadOnlyList<string>? items = null)
    {
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message }, { d => d.ConfirmText, confirmText }, { d => d.Items, items ?? [] },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false };
    }
}
