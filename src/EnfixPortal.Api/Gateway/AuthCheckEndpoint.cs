using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Gateway;

/// <summary><c>/api/v1/auth/check</c>: the forward-auth check a reverse proxy asks before passing a request to the service
/// behind it (nginx <c>auth_request</c>, Traefik <c>ForwardAuth</c>, Caddy <c>forward_auth</c>, Envoy <c>ext_authz</c>).
/// The token pair is checked exactly as for <c>/me</c>, from the warm cache; a good pair answers 200 with no body and the
/// <see cref="IdentityHeaders"/>. Any method is accepted (Envoy forwards the original one, and the original path after the
/// check's own), the body is never read, and the forwarded method and URI headers play no part in the answer and are
/// written nowhere.</summary>
public static class AuthCheckEndpoint
{
    public const string Path = "/auth/check";

    private static readonly PairAnswers<IdentityHeaders> Answers = new(caller => new IdentityHeaders(caller));
    private static readonly StringValues NoStore = "no-store";

    public static IEndpointRouteBuilder MapAuthCheck(this IEndpointRouteBuilder api)
    {
        // Map, not MapGet: any method. The framework's OpenAPI document lists operations by method and so would leave the
        // check out; AuthCheckDocument describes it.
        foreach (var pattern in new[] { Path, $"{Path}/{{**original}}" })
            api.Map(pattern, Check).RequireTokenPair();
        return api;
    }

    private static Task Check(HttpContext http)
    {
        var caller = http.Features.GetRequiredFeature<TokenPrincipal>();
        if (http.Request.QueryString.HasValue && Refusal(caller, http.Request.Query[RequiredScopes.Field]) is { } refusal)
            return refusal.ExecuteAsync(http);
        var response = http.Response;
        Answers.For(caller).WriteTo(response.Headers);
        response.Headers.CacheControl = NoStore;
        response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static ApiError? Refusal(TokenPrincipal caller, StringValues asked)
    {
        if (asked.Count == 0) return null;
        var required = RequiredScopes.Parse(asked);
        if (required.Error is { } invalid) return ApiError.From(invalid);
        return RequiredScopes.Lacking(caller, required.Value!) is { } lacking
            ? ApiError.From(ServiceError.Forbidden($"This token pair does not carry the scope {lacking}."))
            : null;
    }
}
