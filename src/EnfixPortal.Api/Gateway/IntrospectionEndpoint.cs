using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using System.Globalization;
using System.Text.Json.Serialization;

namespace EnfixPortal.Api.Gateway;

/// <summary><c>POST /api/v1/introspect</c> in the manner of RFC 7662: a service that prefers to ask sends a pair
/// (<c>app_token</c> and <c>token</c>) or one <c>token</c> as a form and learns whether it is active, and for whom. The
/// caller authenticates with its own pair and must be allowed to ask (<see cref="TokenIntrospection.MayIntrospect"/>);
/// calls are limited per caller and audited in aggregate (<see cref="IntrospectionAudit"/>).</summary>
public static class IntrospectionEndpoint
{
    public static IEndpointRouteBuilder MapIntrospection(this IEndpointRouteBuilder api)
    {
        api.MapPost("/introspect", IntrospectAsync).WithTags("Gateway").RequireTokenPair()
            .RequiresScope(BuiltInScopes.Introspect).DisableAntiforgery()
            .DocumentsBody<IntrospectionForm>("application/x-www-form-urlencoded").Produces<IntrospectionAnswer>().ProducesApiErrors(400, 403, 413, 415, 429);
        api.MapOtherMethods("/introspect", "POST").ExcludeFromDescription();
        return api;
    }

    private static async Task<IResult> IntrospectAsync(HttpContext http, TokenIntrospection introspection, IntrospectionRateLimit limit,
        IntrospectionAudit audit, CancellationToken ct)
    {
        var caller = http.Features.GetRequiredFeature<TokenPrincipal>();
        if (!TokenIntrospection.MayIntrospect(caller))
            return ApiError.From(ServiceError.Forbidden("Only an administrator's app token, or a token pair that carries the " +
                $"{BuiltInScopes.Introspect} scope, may introspect tokens."));
        if (limit.SecondsRefused(caller.UserId, caller.AppToken.Accessor) is > 0 and var wait)
            return ApiError.Of(StatusCodes.Status429TooManyRequests, "rate_limit", $"Too many introspection requests; wait {wait} seconds and try again.")
                .WithHeader("Retry-After", wait.ToString(CultureInfo.InvariantCulture));
        var form = await ReadAsync(http.Request, ct);
        if (form.Error is { } invalid) return invalid;
        var answer = await introspection.IntrospectAsync(form.Value!.AppToken, form.Value.Token!, http.TokenClient(), ct);
        audit.Count(http.Actor(), answer.Active);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(IntrospectionAnswer.From(answer));
    }

    private static async Task<ApiInput<IntrospectionForm>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!RequestBody.Is(request.ContentType, "application/x-www-form-urlencoded"))
            return ApiError.Of(StatusCodes.Status415UnsupportedMediaType, "body",
                "Send token (and app_token for a pair) as a form, application/x-www-form-urlencoded.");
        var bytes = await RequestBody.ReadBytesAsync(request, ct);
        if (bytes.Error is { } tooLarge) return tooLarge;
        Dictionary<string, StringValues> fields;
        try { fields = await new FormReader(new MemoryStream(bytes.Value!)).ReadFormAsync(ct); }
        catch (InvalidDataException) { return ApiError.BadRequest("body", "The form could not be read; send token as a form field."); }
        foreach (var name in new[] { "app_token", "token" })
            if (fields.TryGetValue(name, out var values) && values.Count > 1)
                return ApiError.BadRequest(name, $"Send {name} once.");
        var token = fields.GetValueOrDefault("token").ToString();
        if (token.Length == 0)
            return ApiError.BadRequest("token", "Send the token to introspect in the token field (with app_token for a pair).");
        var app = fields.TryGetValue("app_token", out var appValue) ? appValue.ToString() : null;
        return new IntrospectionForm(app, token);
    }
}

/// <summary>RFC 7662's answer: <c>{"active": false}</c> and nothing more for a token that is not active; <c>scope</c> is left
/// out for a token with its owner's full rights, <c>client_id</c> (the app token's accessor) for a single user token.</summary>
public sealed record IntrospectionAnswer(bool Active,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sub,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Username,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Exp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Iat,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId)
{
    public static IntrospectionAnswer From(Introspection i) => i.Active
        ? new(true, i.Sub, i.Username, i.TokenType, i.Exp, i.Iat, i.Scope, i.ClientId)
        : new(false, null, null, null, null, null, null, null);
}

/// <summary>The form of an introspection request: <c>token</c>, and <c>app_token</c> when asking about a pair.</summary>
public sealed record IntrospectionForm(string? AppToken, string? Token);
