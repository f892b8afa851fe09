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

/// <summary><c>/api/v1/tokens/</c>: user tokens — login tokens and tokens issued on behalf of a user (OBO; admins for anyone).</summary>
public static class UserTokenEndpoints
{
    public const string Collection = "/api/v1/tokens";

    public static IEndpointRouteBuilder MapUserTokens(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tokens").WithTags("User and OBO tokens").RequireTokenPair();
        group.MapGet("/", ListAsync).RequiresScope(BuiltInScopes.TokensRead).ProducesApiErrors(400, 403);
        group.MapPost("/", CreateAsync).RequiresScope(BuiltInScopes.TokensWrite).DocumentsBody<CreateTokenBody>("application/json").ProducesApiErrors(400, 403, 413, 415);
        TokenHandlers.MapItemRoutes(group, TokenFamily.User, UserTokenItem.From, secret => new UserTokenCreated(secret));
        return api;
    }

    private static readonly IReadOnlyDictionary<string, TokenKind?> Kinds = new Dictionary<string, TokenKind?>
    {
        ["login"] = TokenKind.Login, ["obo"] = TokenKind.Obo,
    };

    private static async Task<Results<Ok<UserTokenItem[]>, ApiError>> ListAsync(HttpContext http, TokenQueries queries,
        [AsParameters] TokenListParameters list, string? kind, CancellationToken ct)
    {
        if (!TokenListParameters.TryChoose(kind, Kinds, null, out var kindFilter)) return TokenListParameters.Refuse("kind", Kinds.Keys);
        return await TokenHandlers.ListAsync(http, queries, list.Read(TokenFamily.User, kindFilter), UserTokenItem.From, ct);
    }

    private static async Task<Results<Created<UserTokenCreated>, ApiError>> CreateAsync(HttpContext http, TokenService tokens, CancellationToken ct)
    {
        var created = await TokenHandlers.CreateAsync(http, request => tokens.CreateOboTokenAsync(http.Actor(), request, ct), ct);
        if (created.Error is { } error) return error;
        return TypedResults.Created(ApiUrls.Item(http, Collection, created.Value!.Token.Accessor), new UserTokenCreated(created.Value.Secret));
    }
}
