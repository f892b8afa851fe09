using System.Globalization;
using System.Security.Claims;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The <c>App-Token</c> + <c>Token</c> header pair, checked by <see cref="TokenValidator"/> for every API
/// endpoint that asks for one (<see cref="ApiAccessRules"/>; a login or a 404 checks nothing), and the endpoint's
/// <see cref="ApiAccess"/> judged on the result. A refused pair is answered 401 with the reason (and the <c>WWW-Authenticate</c>
/// challenge), a non-administrator on an administrator's endpoint 403, and so is a scoped pair without the endpoint's
/// <see cref="RequiredScope"/>; a valid pair becomes the request's
/// <see cref="TokenPrincipal"/> feature and its user. Runs in the /api branch only, where no cookie is ever read.</summary>
public sealed class TokenAuthentication(RequestDelegate next, TokenValidator validator, FailedTokenChecks failures)
{
    public const string AuthenticationType = "EnfixToken";
    public const string AppTokenHeader = "App-Token";
    public const string UserTokenHeader = "Token";
    /// <summary>On every authenticated answer: when the pair stops working (the earlier expiry of the two tokens).</summary>
    public const string ExpiresAtHeader = "Enfix-Token-Expires-At";

    /// <summary>One principal per cached user, made on its first request and kept on the user's entry (<see cref="EntryMemo"/>),
    /// so that it never outlives the user it describes. Nothing in the pipeline changes a principal once set (no claims
    /// transformation runs for the API).</summary>
    private static readonly int PrincipalKind = EntryMemo.NewKind();

    public Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        var access = ApiAccessRequirement.Of(endpoint);
        return access == ApiAccess.Open ? next(http) : CheckAsync(http, access, RequiredScope.Of(endpoint));
    }

    private async Task CheckAsync(HttpContext http, ApiAccess access, RequiredScope? scope)
    {
        var address = http.Connection.RemoteIpAddress;
        if (failures.SecondsRefused(address) is > 0 and var wait)
        {
            await ApiError.Of(StatusCodes.Status429TooManyRequests, "rate_limit",
                    $"Too many refused tokens from this address; wait {wait} seconds and try again.")
                .WithHeader("Retry-After", wait.ToString(CultureInfo.InvariantCulture)).ExecuteAsync(http);
            return;
        }
        var validated = await validator.ValidateAsync(Single(http, AppTokenHeader), Single(http, UserTokenHeader),
            ConnectionHashes(http), new TokenClient(address, Single(http.Request.Headers.UserAgent)), http.RequestAborted);
        if (validated.Error is { } error)
        {
            if (error.Kind == ServiceErrorKind.Unauthenticated) failures.Failed(address);
            await ApiError.From(error).ExecuteAsync(http);
            return;
        }
        var caller = validated.Value!;
        http.Response.Headers[ExpiresAtHeader] = caller.EndsFirst.ExpiresAtText;
        if (access == ApiAccess.Admin && !caller.IsAdmin)
        {
            await ApiError.From(ServiceError.Forbidden("Only an administrator may do this.")).ExecuteAsync(http);
            return;
        }
        if (scope is not null && !caller.Allows(scope.Scope))
        {
            await ApiError.From(ServiceError.Forbidden(scope.Refusal)).ExecuteAsync(http);
            return;
        }
        http.Features.Set(caller);
        http.User = PrincipalOf(caller.Owner);
        await next(http);
    }

    /// <summary>The connection's <see cref="ConnectionTokenHashes"/>, made on its first checked request. HTTP/1.x only: there
    /// requests on a connection come one after another; HTTP/2 streams run side by side (and hash every time).</summary>
    private static ConnectionTokenHashes? ConnectionHashes(HttpContext http)
    {
        if (!HttpProtocol.IsHttp11(http.Request.Protocol) && !HttpProtocol.IsHttp10(http.Request.Protocol)) return null;
        if (http.Features.Get<IConnectionItemsFeature>()?.Items is not { } items) return null;
        if (items.TryGetValue(typeof(ConnectionTokenHashes), out var found)) return (ConnectionTokenHashes?)found;
        var hashes = new ConnectionTokenHashes();
        items[typeof(ConnectionTokenHashes)] = hashes;
        return hashes;
    }

    private static ClaimsPrincipal PrincipalOf(CachedUser user)
    {
        if (user.Memo.Get(PrincipalKind) is ClaimsPrincipal known) return known;
        var principal = NewPrincipal(user);
        user.Memo.Set(PrincipalKind, principal);
        return principal;
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
