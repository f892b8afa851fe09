using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Endpoints;

/// <summary><c>POST /api/v1/token/</c>: username and password for a login token. A plain HTML form from any origin works
/// (app token in the <c>app_token</c> field, no antiforgery: no cookie is involved), and so do curl and JSON clients.</summary>
public static class LoginEndpoint
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder api)
    {
        api.MapPost("/token", LogInAsync)
            .WithTags("Login")
            .DisableAntiforgery()
            .RequireRateLimiting(LoginRateLimit.Policy)
            .DocumentsBody<LoginBody>("application/x-www-form-urlencoded", "multipart/form-data", "application/json")
            .ProducesApiErrors(400, 401, 413, 415, 429);
        api.MapOtherMethods("/token", "POST").ExcludeFromDescription();
        return api;
    }

    private static async Task<Results<Ok<UserTokenCreated>, ApiError>> LogInAsync(HttpContext http, TokenLogin login, CancellationToken ct)
    {
        var form = await LoginForm.ReadAsync(http.Request, ct);
        if (form.Error is { } unreadable) return unreadable;
        var (appToken, userName, password) = form.Value!;
        var created = await login.LogInAsync(http.Anonymous(), appToken, userName, password, http.TokenClient(), ct);
        if (created.Error is { } refused) return ApiError.From(refused);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new UserTokenCreated(created.Value!.Secret));
    }
}

/// <summary>The login fields (for the OpenAPI document). <c>app_token</c> stands in for the App-Token header, which a form cannot set.</summary>
public sealed class LoginBody
{
    public required string Username { get; init; }
    public required string Password { get; init; }
    public string? AppToken { get; init; }
}
