using System.Runtime.CompilerServices;
using System.Security.Claims;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The <c>App-Token</c> + <c>Token</c> header pair, checked by <see cref="TokenValidator"/> for every API
/// endpoint that asks for authorization (and for no other: a login or a 404 checks nothing). A valid pair becomes the
/// request's user, so the framework's authorization middleware judges the endpoint's policy on it; a refused pair is
/// kept for <see cref="ApiAuthorizationResults"/> to answer with its reason. Runs in the /api branch only, where no
/// cookie is ever read.</summary>
public sealed class TokenAuthentication(RequestDelegate next, TokenValidator validator)
{
    public const string AuthenticationType = "EnfixToken";
    public const string AppTokenHeader = "App-Token";
    public const string UserTokenHeader = "Token";

    /// <summary>One principal per cached user, made on its first request and dropped with it: the validation cache replaces
    /// the <see cref="CachedUser"/> whenever the user changes, so a principal never outlives the user it describes. Nothing
    /// in the pipeline changes a principal once set (no claims transformation runs for the API).</summary>
    private static readonly ConditionalWeakTable<CachedUser, ClaimsPrincipal> Principals = new();

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            var validated = await validator.ValidateAsync(Single(http, AppTokenHeader), Single(http, UserTokenHeader), http.RequestAborted);
            if (validated.Error is { } error)
                http.Features.Set(new TokenRefusal(error));
            else
            {
                http.Features.Set(validated.Value!);
                http.User = Principals.GetValue(validated.Value!.Owner, NewPrincipal);
            }
        }
        await next(http);
    }

    private static ClaimsPrincipal NewPrincipal(CachedUser user)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.UserId), new(ClaimTypes.Name, user.UserName) };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
    }

    private static string? Single(HttpContext http, string header) => Single(http.Request.Headers[header]);

    /// <summary>A header (or field) sent twice is joined with a comma, and so is no token.</summary>
    public static string? Single(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(",", values.ToArray()),
    };
}

/// <summary>Why the token pair of this request was refused.</summary>
public sealed record TokenRefusal(ServiceError Error);
