using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The API's authentication scheme: the <c>App-Token</c> + <c>Token</c> header pair, checked by
/// <see cref="TokenValidator"/>. It runs only for an endpoint whose <see cref="ApiPolicies"/> name it (a login, a 404 or an
/// endpoint that allows anonymous callers checks nothing). A valid pair becomes the request's user and its
/// <see cref="TokenPrincipal"/> feature, and the answer carries the pair's expiry; a refused one leaves its answer (401 with
/// the reason, or 429 for an address past its refused checks) for <see cref="ApiAuthorizationResults"/> to write.</summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, TokenValidator validator, FailedTokenChecks failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EnfixToken";
    public const string AppTokenHeader = "App-Token";
    public const string UserTokenHeader = "Token";
    /// <summary>On every authenticated answer: when the pair stops working (the earlier expiry of the two tokens).</summary>
    public const string ExpiresAtHeader = "Enfix-Token-Expires-At";

    /// <summary>One principal per cached user, made on its first request and kept on the user's entry (<see cref="EntryMemo"/>),
    /// so that it never outlives the user it describes. Nothing in the pipeline changes a principal once set (no claims
    /// transformation runs for the API).</summary>
    private static readonly int PrincipalKind = EntryMemo.NewKind();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null) return AuthenticateResult.NoResult();
        var address = Context.Connection.RemoteIpAddress;
        if (failures.SecondsRefused(address) is > 0 and var wait)
            return Refuse(ApiError.Of(StatusCodes.Status429TooManyRequests, "rate_limit",
                    $"Too many refused tokens from this address; wait {wait} seconds and try again.")
                .WithHeader("Retry-After", wait.ToString(CultureInfo.InvariantCulture)));
        var validated = await validator.ValidateAsync(Single(Request.Headers[AppTokenHeader]), Single(Request.Headers[UserTokenHeader]),
            ConnectionHashes(Context), new TokenClient(address, Single(Request.Headers.UserAgent)), Context.RequestAborted);
        if (validated.Error is { } error)
        {
            if (error.Kind == ServiceErrorKind.Unauthenticated) failures.Failed(address);
            return Refuse(ApiError.From(error));
        }
        var caller = validated.Value!;
        Response.Headers[ExpiresAtHeader] = caller.EndsFirst.ExpiresAtText;
        Context.Features.Set(caller);
        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalOf(caller.Owner), SchemeName));
    }

    private AuthenticateResult Refuse(ApiError answer)
    {
        Context.Features.Set(new TokenRefusal(answer));
        return AuthenticateResult.Fail(answer.Errors.Values.First());
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
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    /// <summary>A header (or field) sent twice is joined with a comma, and so is no token.</summary>
    public static string? Single(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(",", values.ToArray()),
    };
}

/// <summary>Why the request's token pair was refused: the answer <see cref="ApiAuthorizationResults"/> writes.</summary>
public sealed record TokenRefusal(ApiError Answer);
