using EnfixPortal.Account;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Webhooks;

/// <summary>The webhooks and one webhook's delivery log, all through <see cref="WebhookService"/> as the API's are.</summary>
public partial class Webhooks
{
    [Inject] private WebhookService Service { get; set; } = default!;
    [Inject] private PortalActor Actor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<WebhookView> _webhooks = [];
    private WebhookView? _shown;
    private IReadOnlyList<DeliveryView> _deliveries = [];
    private DateTime _now;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        var actor = await Actor.GetAsync();
        _now = Time.GetUtcNow().UtcDateTime;
        var listed = await Service.ListAsync(actor);
        if (listed.Error is { } error) Snackbar.Add(error.Describe(), Severity.Error);
        _webhooks = listed.Value ?? [];
        _shown = _shown is null ? null : _webhooks.FirstOrDefault(w => w.Id == _shown.Id);
        _deliveries = _shown is null ? [] : (await Service.DeliveriesAsync(actor, _shown.Id)).Value ?? [];
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<WebhookDialog>("New webhook", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: WebhookView created }) _shown = created;
        await ReloadAsync();
    }

    private async Task EditAsync(WebhookView webhook)
    {
        var dialog = await Dialogs.ShowAsync<WebhookDialog>("Edit webhook", new DialogParameters<WebhookDialog> { { d => d.Webhook, webhook } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) Snackbar.Add("Webhook saved.", Severity.Success);
        await ReloadAsync();
    }

    private async Task DeleteAsync(WebhookView webhook)
    {
        if (!await Dialogs.ConfirmAsync("Delete webhook?", "Nothing more is sent to this address, and its delivery log goes with it.",
                "Delete", [webhook.Url]))
            return;
        var deleted = await Service.DeleteAsync(await Actor.GetAsync(), webhook.Id);
        Snackbar.Add(deleted.Error?.Describe() ?? $"Deleted the webhook for {webhook.Url}.", deleted.Succeeded ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task SendTestAsync(WebhookView webhook)
    {
        var sent = await Service.SendTestAsync(await Actor.GetAsync(), webhook.Id);
        Snackbar.Add(sent.Error?.Describe() ?? "Test message queued; its delivery shows below.", sent.Succeeded ? Severity.Info : Severity.Error);
        _shown = webhook;
        await ReloadAsync();
    }

    private async Task ShowDeliveriesAsync(WebhookView webhook)
    {
        _shown = webhook;
        await ReloadAsync();
    }

    private static Color StatusColor(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => Color.Success,
        DeliveryStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    private static string LastAnswer(DeliveryView delivery) =>
        string.Join(" ", new[] { delivery.LastStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.LastError }
            .Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } text ? text : "—";
}
