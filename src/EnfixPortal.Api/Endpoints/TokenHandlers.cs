using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Endpoints;

/// <summary>What /app_tokens and /tokens share: the same service calls, differing only in family and item shape.
/// Checks run in the order Enfix's API documents: authentication (the scheme), permission, existence of the target, then the body;
/// the service reads the target once and decides that order, given what the door could not read.</summary>
internal static class TokenHandlers
{
    /// <summary>GET, PATCH and DELETE on <c>/{id}</c> (the token itself or its accessor), and 405 for the other methods.</summary>
    public static void MapItemRoutes<TItem, TCreated>(RouteGroupBuilder group, TokenFamily family, Func<TokenView, TItem> toItem,
        Func<string, TCreated> toCreated)
    {
        group.MapPost("/{id}/rotate", (HttpContext http, string id, TokenQueries queries, TokenRotation rotation, CancellationToken ct) =>
            RotateAsync(http, queries, rotation, family, id, toCreated, ct)).RequiresScope(BuiltInScopes.TokensWrite).DocumentsBody<RotateTokenBody>("application/json")
            .ProducesApiErrors(400, 404, 409, 413, 415);
        group.MapOtherMethods("/{id}/rotate", "POST");
        group.MapGet("/{id}", (HttpContext http, string id, TokenQueries queries, CancellationToken ct) =>
            GetAsync(http, queries, family, id, toItem, ct)).RequiresScope(BuiltInScopes.TokensRead).ProducesApiErrors(404);
        group.MapPost("/bulk", (HttpContext http, TokenChanges bulk, CancellationToken ct) => BulkAsync(http, bulk, family, toItem, ct))
            .RequiresScope(BuiltInScopes.TokensWrite).DocumentsBody<BulkTokenBody>("application/json").ProducesApiErrors(400, 413, 415);
        group.MapOtherMethods("/bulk", "POST");
        group.MapPatch("/{id}", (HttpContext http, string id, TokenService tokens, CancellationToken ct) =>
            ChangeAsync(http, tokens, family, id, toItem, ct)).RequiresScope(BuiltInScopes.TokensWrite).DocumentsBody<ChangeTokenBody>("application/json").ProducesApiErrors(400, 404, 413, 415);
        group.MapDelete("/{id}", (HttpContext http, string id, TokenService tokens, CancellationToken ct) =>
            DeleteAsync(http, tokens, family, id, ct)).RequiresScope(BuiltInScopes.TokensWrite).ProducesApiErrors(404);
        group.MapOtherMethods("/", "GET", "POST");
        group.MapOtherMethods("/{id}", "GET", "PATCH", "DELETE");
    }

    /// <summary>A page of the list through the same <see cref="TokenQueries.ListAsync"/> call, filters and count limit as the portal's grid.</summary>
    public static async Task<Results<Ok<TItem[]>, ApiError>> ListAsync<TItem>(
        HttpContext http, TokenQueries queries, ApiInput<TokenQuery> query, Func<TokenView, TItem> toItem, CancellationToken ct)
    {
        if (query.Error is { } invalid) return invalid;
        var listed = await queries.ListAsync(http.Actor(), query.Value!, ct);
        if (listed.Error is { } refused) return ApiError.From(refused);
        Paging.WriteHeaders(http, listed.Value!);
        return TypedResults.Ok(listed.Value!.Items.Select(toItem).ToArray());
    }

    public static async Task<Results<Ok<TItem>, ApiError>> GetAsync<TItem>(
        HttpContext http, TokenQueries queries, TokenFamily family, string id, Func<TokenView, TItem> toItem, CancellationToken ct)
    {
        var found = await queries.GetAsync(http.Actor(), family, id, ct);
        return found.Error is { } missing ? ApiError.From(missing) : TypedResults.Ok(toItem(found.Value!));
    }

    public static async Task<ApiInput<CreatedToken>> CreateAsync(
        HttpContext http, Func<CreateTokenRequest, Task<ServiceResult<CreatedToken>>> create, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        if (body.Error is { } unreadable) return unreadable;
        var created = await create(TokenBodies.ParseCreate(body.Value));
        if (created.Error is { } refused) return ApiError.From(refused);
        http.Response.Headers.CacheControl = "no-store";
        return created.Value!;
    }

    public static async Task<Results<Ok<TItem>, ApiError>> ChangeAsync<TItem>(
        HttpContext http, TokenService tokens, TokenFamily family, string id, Func<TokenView, TItem> toItem, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        var unread = new UnreadBody(body.Error);
        var change = unread.Refusal is { } refusal ? new ChangeTokenRequest(Unreadable: refusal) : TokenBodies.ParseChange(body.Value);
        var changed = await tokens.ChangeAsync(http.Actor(), family, id, change, ct);
        return changed.Error is { } refused ? unread.Answer(refused) : TypedResults.Ok(toItem(changed.Value!));
    }

    /// <summary>Expires, deletes or extends the named tokens; those left as they were are listed with the reason.</summary>
    public static async Task<Results<Ok<TokenBulkAnswer<TItem>>, ApiError>> BulkAsync<TItem>(
        HttpContext http, TokenChanges bulk, TokenFamily family, Func<TokenView, TItem> toItem, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        if (body.Error is { } unreadable) return unreadable;
        var request = TokenBulkBody.Parse(body.Value);
        if (request.Error is { } invalid) return invalid;
        var (actor, asked) = (http.Actor(), request.Value!);
        var done = asked.Action switch
        {
            BulkAction.Expire => await bulk.ExpireAsync(actor, family, asked.Accessors, ct),
            BulkAction.Delete => await bulk.DeleteAsync(actor, family, asked.Accessors, ct),
            _ => await bulk.ExtendAsync(actor, family, asked.Accessors, asked.SecondsUntilExpire!.Value, ct),
        };
        return done.Error is { } refused ? ApiError.From(refused) : TypedResults.Ok(TokenBulkAnswer<TItem>.From(done.Value!, toItem));
    }

    /// <summary>A new secret for the token, answered once as the creation answers it; the old one works for the grace period asked.</summary>
    public static async Task<Results<Ok<TCreated>, ApiError>> RotateAsync<TCreated>(
        HttpContext http, TokenQueries queries, TokenRotation rotation, TokenFamily family, string id, Func<string, TCreated> toCreated, CancellationToken ct)
    {
        var actor = http.Actor();
        var existing = await queries.GetAsync(actor, family, id, ct);
        if (existing.Error is { } missing) return ApiError.From(missing);
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        if (body.Error is { } unreadable) return unreadable;
        var request = TokenBodies.ParseRotate(body.Value);
        if (request.Error is { } invalid) return invalid;
        var rotated = await rotation.RotateAsync(actor, family, id, request.Value!, ct);
        if (rotated.Error is { } refused) return ApiError.From(refused);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(toCreated(rotated.Value!.Secret));
    }

    public static async Task<Results<NoContent, ApiError>> DeleteAsync(HttpContext http, TokenService tokens, TokenFamily family, string id, CancellationToken ct)
    {
        var deleted = await tokens.DeleteAsync(http.Actor(), family, id, ct);
        return deleted.Error is { } missing ? ApiError.From(missing) : TypedResults.NoContent();
    }
}
