using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Endpoints;

/// <summary><c>/api/v1/users/</c>, for administrators: the same UserService the portal uses.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAdministrator();
        group.MapGet("/", ListAsync).RequiresScope(BuiltInScopes.UsersRead).ProducesApiErrors(400);
        group.MapPost("/", CreateAsync).RequiresScope(BuiltInScopes.UsersWrite).DocumentsBody<CreateUserBody>("application/json").ProducesApiErrors(400, 413, 415);
        group.MapGet("/{id}", GetAsync).RequiresScope(BuiltInScopes.UsersRead).ProducesApiErrors(404);
        group.MapPatch("/{id}", ChangeAsync).RequiresScope(BuiltInScopes.UsersWrite).DocumentsBody<ChangeUserBody>("application/json").ProducesApiErrors(400, 404, 409, 413, 415);
        group.MapDelete("/{id}", DeleteAsync).RequiresScope(BuiltInScopes.UsersWrite).ProducesApiErrors(404, 409);
        group.MapOtherMethods("/", "GET", "POST");
        group.MapOtherMethods("/{id}", "GET", "PATCH", "DELETE");
        return api;
    }

    private static async Task<Results<Ok<UserItem[]>, ApiError>> ListAsync(HttpContext http, UserQueries users, string? page,
        [FromQuery(Name = "per_page")] string? perPage, string? username, string? q, string? active, CancellationToken ct)
    {
        var paging = Paging.Parse(page, perPage);
        if (paging.Error is { } badPaging) return badPaging;
        if (!string.IsNullOrEmpty(active) && active is not ("true" or "false"))
            return ApiError.BadRequest("active", "active must be true or false.");
        var query = new UserQuery(q, string.IsNullOrEmpty(active) ? null : active == "true", paging.Value!.Page, paging.Value.PerPage, username,
            TokenQueries.GridCountLimit);
        var listed = await users.ListAsync(http.Actor(), query, ct);
        if (listed.Error is { } refused) return ApiError.From(refused);
        Paging.WriteHeaders(http, listed.Value!);
        return TypedResults.Ok(listed.Value!.Items.Select(UserItem.From).ToArray());
    }

    private static async Task<Results<Created<UserCreated>, ApiError>> CreateAsync(HttpContext http, UserService users, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        if (body.Error is { } unreadable) return unreadable;
        var request = UserBodies.ParseCreate(body.Value);
        if (request.Error is { } invalid) return invalid;
        var created = await users.CreateAsync(http.Actor(), request.Value!, ct);
        if (created.Error is { } refused) return ApiError.From(refused);
        var url = ApiUrls.Item(http, "/api/v1/users", created.Value!.Id);
        return TypedResults.Created(url, new UserCreated(url, created.Value.Id));
    }

    private static async Task<Results<Ok<UserItem>, ApiError>> GetAsync(HttpContext http, string id, UserQueries users, CancellationToken ct)
    {
        var found = await users.GetAsync(http.Actor(), id, ct);
        return found.Error is { } missing ? ApiError.From(missing) : TypedResults.Ok(UserItem.From(found.Value!));
    }

    private static async Task<Results<Ok<UserItem>, ApiError>> ChangeAsync(HttpContext http, string id, UserService users, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        var unread = new UnreadBody(body.Error);
        var change = unread.Refusal is { } refusal ? new UpdateUserRequest(Unreadable: refusal) : UserBodies.ParseChange(body.Value);
        var changed = await users.UpdateAsync(http.Actor(), id, change, ct);
        return changed.Error is { } refused ? unread.Answer(refused) : TypedResults.Ok(UserItem.From(changed.Value!));
    }

    private static async Task<Results<NoContent, ApiError>> DeleteAsync(HttpContext http, string id, UserService users, CancellationToken ct)
    {
        var deleted = await users.DeleteAsync(http.Actor(), id, ct);
        return deleted.Error is { } refused ? ApiError.From(refused) : TypedResults.NoContent();
    }
}
