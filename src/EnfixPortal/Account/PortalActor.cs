using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using Microsoft.AspNetCore.Components.Authorization;
using System.Security.Claims;

namespace EnfixPortal.Account;

/// <summary>The signed-in administrator as the service layer's <see cref="Actor"/>, one per circuit. The client address
/// is captured from the HTTP request that started the circuit (see Routes.razor).</summary>
public sealed class PortalActor(AuthenticationStateProvider authentication)
{
    public string? ClientAddress { get; set; }

    public async Task<Actor> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return From(user, ClientAddress);
    }

    public static Actor From(ClaimsPrincipal user, string? clientAddress) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name, user.IsInRole(Roles.Admin), Door.Portal, clientAddress);
}
