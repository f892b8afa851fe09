using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace EnfixPortal.Account;

public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";

    /// <summary>Sign-out is a POST with the antiforgery token (the form in the user menu), so no other site can sign an admin out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (SignInManager<EnfixUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect($"~{PortalAuthentication.LoginPath}");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    /// <summary>Only a path on this site may follow the sign-in; anything else goes to the dashboard.</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl : "/";
}
