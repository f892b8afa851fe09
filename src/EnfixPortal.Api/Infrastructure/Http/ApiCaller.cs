using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Http;
using System.Security.Claims;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The <see cref="Actor"/> of an API request: the user the token pair speaks for, the pair's
/// accessors (what a token made by this request records as its creator), from the client's address.</summary>
public static class ApiCaller
{
    public static Actor Actor(this HttpContext http)
    {
        var user = http.User;
        var pair = http.Features.Get<TokenPrincipal>();
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name, user.IsInRole(Roles.Admin), Door.Api,
            ClientAddress(http)) 
        {
            AppTokenAccessor = pair?.AppToken.Accessor, TokenAccessor = pair?.UserToken.Accessor, Scopes = pair?.EffectiveScopes,
        };
    }

    public static Actor Anonymous(this HttpContext http) => new(null, null, false, Door.Api, ClientAddress(http));

    public static string? ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    /// <summary>The client a token used by this request records as its last user.</summary>
    public static TokenClient TokenClient(this HttpContext http) =>
        new(http.Connection.RemoteIpAddress, TokenAuthentication.Single(http.Request.Headers.UserAgent));
}
