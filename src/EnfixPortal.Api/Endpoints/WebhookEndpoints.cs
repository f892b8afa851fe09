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

/// <summary><c>/api/v1/webhooks/</c>, for administrators: the same WebhookService the portal uses.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAdministrator();
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync).DocumentsBody<WebhookBody>("application/json").ProducesApiErrors(400, 409, 413, 415);
        group.MapGet("/{id}", GetAsync).ProducesApiErrors(404);
        group.MapPatch("/{id}", ChangeAsync).DocumentsBody<WebhookBody>("application/json").ProducesApiErrors(400, 404, 413, 415);
        group.MapDelete("/{id}", DeleteAsync).ProducesApiErrors(404);
        group.MapPost("/{id}/test", TestAsync).ProducesApiErrors(404);
        group.MapGet("/{id}/deliveries", DeliveriesAsync).ProducesApiErrors(404);
        group.MapOtherMethods("/", "GET", "POST");
        group.MapOtherMethods("/{id}", "GET", "PATCH", "DELETE");
        group.MapOtherMethods("/{id}/test", "POST");
        group.MapOtherMethods("/{id}/deliveries", "GET");
        return api;
    }

    private static async Task<Results<Ok<WebhookItem[]>, ApiError>> ListAsync(HttpContext http, WebhookService webhooks, CancellationToken ct)
    {
        var listed = await webhooks.ListAsync(http.Actor(), ct);
        return listed.Error is { } refused ? ApiError.From(refused) : TypedResults.Ok(listed.Value!.Select(WebhookItem.From).ToArray());
    }

    private static async Task<Results<Created<WebhookCreatedItem>, ApiError>> CreateAsync(HttpContext http, WebhookService webhooks, CancellationToken ct)
    {
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        if (body.Error is { } unreadable) return unreadable;
        var request = WebhookBody.Parse(body.Value, creating: true);
        if (request.Error is { } invalid) return invalid;
        var created = await webhooks.CreateAsync(http.Actor(), request.Value!, ct);
        if (created.Error is { } refused) return ApiError.From(refused);
        var view = created.Value!.Webhook;
        return TypedResults.Created(ApiUrls.Item(http, "/api/v1/webhooks", view.Id),
            new WebhookCreatedItem(view.Id, view.Url, view.Events, view.Enabled, view.CreatedAt, created.Value.Secret));
    }

    private static async Task<Results<Ok<WebhookItem>, ApiError>> GetAsync(HttpContext http, string id, WebhookService webhooks, CancellationToken ct)
    {
        var found = await webhooks.GetAsync(http.Actor(), id, ct);
        return found.Error is { } missing ? ApiError.From(missing) : TypedResults.Ok(WebhookItem.From(found.Value!));
    }

    private static async Task<Results<Ok<WebhookItem>, ApiError>> ChangeAsync(HttpContext http, string id, WebhookService webhooks, CancellationToken ct)
    {
        var existing = await webhooks.GetAsync(http.Actor(), id, ct);
        if (existing.Error is { } missing) return ApiError.From(missing);
        var body = await RequestBody.ReadObjectAsync(http.Request, ct);
        if (body.Error is { } unreadable) return unreadable;
        var change = WebhookBody.Parse(body.Value, creating: false);
        if (change.Error is { } invalid) return invalid;
        var changed = await webhooks.UpdateAsync(http.Actor(), id, change.Value!, ct);
        return changed.Error is { } refused ? ApiError.From(refused) : TypedResults.Ok(WebhookItem.From(changed.Value!));
    }

    private static async Task<Results<NoContent, ApiError>> DeleteAsync(HttpContext http, string id, WebhookService webhooks, CancellationToken ct)
    {
        var deleted = await webhooks.DeleteAsync(http.Actor(), id, ct);
        return deleted.Error is { } refused ? ApiError.From(refused) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DeliveryItem>, ApiError>> TestAsync(HttpContext http, string id, WebhookService webhooks, CancellationToken ct)
    {
        var queued = await webhooks.SendTestAsync(http.Actor(), id, ct);
        return queued.Error is { } refused ? ApiError.From(refused) : TypedResults.Ok(DeliveryItem.From(queued.Value!));
    }

    private static async Task<Results<Ok<DeliveryItem[]>, ApiError>> DeliveriesAsync(HttpContext http, string id, WebhookService webhooks,
        CancellationToken ct)
    {
        var log = await webhooks.DeliveriesAsync(http.Actor(), id, ct: ct);
        return log.Error is { } refused ? ApiError.From(refused) : TypedResults.Ok(log.Value!.Select(DeliveryItem.From).ToArray());
    }
}
