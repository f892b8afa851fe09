using EnfixPortal.Account;
using EnfixPortal.Api.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace EnfixPortal.Components.Pages.Sessions;

/// <summary>The administrator's own portal sessions, and ending all sessions of any user; all through <see cref="PortalSessions"/>.</summary>
public partial class Sessions
{
    [Inject] private PortalSessions Service { get; set; } = default!;
    [Inject] private PortalActor Actor { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<PortalSessionView> _sessions = [];
    private string? _current;
    private string? _userName;
    private string? _userError;

    protected override async Task OnInitializedAsync()
    {
        _current = PortalSessionCheck.SessionId((await Authentication.GetAuthenticationStateAsync()).User);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var sessions = await Service.ListOwnAsync(await Actor.GetAsync());
        if (sessions.Error is { } error) Snackbar.Add(error.Describe(), Severity.Error);
        _sessions = sessions.Value ?? [];
    }

    private async Task EndAsync(PortalSessionView session)
    {
        var ended = await Service.EndOwnAsync(await Actor.GetAsync(), session.Id);
        Snackbar.Add(ended.Error?.Describe() ?? "Session ended.", ended.Error is null ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task EndAllAsync()
    {
        var ended = await Service.EndAllAsync(await Actor.GetAsync(), _userName ?? "");
        _userError = ended.Error?.Errors.Values.FirstOrDefault();
        if (ended.Error is null) Snackbar.Add($"Ended {ended.Value} sessions of {_userName!.Trim()}.", Severity.Success);
        await ReloadAsync();
    }
}
