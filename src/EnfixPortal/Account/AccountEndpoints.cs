using EnfixPortal.Api.Model;
using EnfixPortal.Api.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using System.Globalization;
using System.Text;

namespace EnfixPortal.Account;

public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";

    /// <summary>Sign-out is a POST with the antiforgery token (the form in the user menu), so no other site can sign an admin
    /// out; it ends the server-side session, so the old cookie is refused on every node. The antiforgery middleware only records its verdict (a handler that binds no form never reads it), so the
    /// handler reads it itself: without a valid token the answer is 400 and the session stays.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (HttpContext http, SignInManager<EnfixUser> signIn, PortalSessions sessions) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                return Results.BadRequest("The sign-out form has expired; reload the page and sign out again.");
            await sessions.EndAsync(PortalSessionCheck.SessionId(http.User), http.RequestAborted);
            await signIn.SignOutAsync();
            return Results.LocalRedirect($"~{PortalAuthentication.LoginPath}");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    /// <summary>Only a path on this site may follow the sign-in; anything else goes to the dashboard. Characters a
    /// Location header cannot carry (non-ASCII, controls) are percent-encoded as UTF-8.</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? HeaderSafe(returnUrl) : "/";

    private static string HeaderSafe(string url)
    {
        if (url.All(c => char.IsAscii(c) && !char.IsControl(c))) return url;
        var safe = new StringBuilder(url.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii && !Rune.IsControl(rune)) { safe.Append((char)rune.Value); continue; }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) safe.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return safe.ToString();
    }
}
