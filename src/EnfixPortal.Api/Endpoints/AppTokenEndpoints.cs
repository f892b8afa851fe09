using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Endpoints;

/// <summary><c>/api/v1/app_tokens/</c>: the caller's app tokens (an admin's: everyone's). The path id is the token or its accessor.</summary>
public static class AppTokenEndpoints
{
    public const string Collection = "/api/v1/app_tokens";

    public static IEndpointRouteBuilder MapAppTokens(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/app_tokens").WithTags("App tokens").RequireTokenPair();
        group.MapGet("/", ListAsync).RequiresScope(BuiltInScopes.TokensRead).ProducesApiErrors(400, 403);
        group.MapPost("/", CreateAsync).RequiresScope(BuiltInScopes.TokensWrite).DocumentsBody<CreateTokenBody>("application/json").ProducesApiErrors(400, 403, 413, 415);
        TokenHandlers.MapItemRoutes(group, TokenFamily.App, AppTokenItem.From, secret => new AppTokenCreated(secret));
        return api;
    }

    private static Task<Results<Ok<AppTokenItem[]>, ApiError>> ListAsync(HttpContext http, TokenQueries queries,
        [AsParameters] TokenListParameters list, CancellationToken ct) =>
        TokenHandlers.ListAsync(http, queries, list.Read(TokenFamily.App), AppTokenItem.From, ct);

    private static async Task<Results<Created<AppTokenCreated>, ApiError>> CreateAsync(HttpContext http, TokenService tokens, CancellationToken ct)
    {
        var created = await TokenHandlers.CreateAsync(http, request => tokens.CreateAppTokenAsync(http.Actor(), request, ct), ct);
        if (created.Error is { } error) return error;
        return TypedResults.Created(ApiUrls.Item(http, Collection, created.Value!.Token.Accessor), new AppTokenCreated(created.Value.Secret));
    }
}
