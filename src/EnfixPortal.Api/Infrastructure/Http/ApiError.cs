using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The body of every API error: one message per field, as Enfix's API answers.</summary>
public sealed record ApiErrorBody(IReadOnlyDictionary<string, string> Errors);

/// <summary>Every API error of every status, from endpoints, the token scheme, the rate limiter and the exception
/// boundary, is written here, so the shape <c>{"errors": {field: message}}</c> cannot drift.</summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ApiErrorBody>, IContentTypeHttpResult
{
    public const string Challenge = "Token realm=\"enfix\", headers=\"App-Token Token\"";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DictionaryKeyPolicy = null, TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
    private static readonly JsonTypeInfo<ApiErrorBody> BodyInfo = (JsonTypeInfo<ApiErrorBody>)Json.GetTypeInfo(typeof(ApiErrorBody));
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public ApiError(int statusCode, IReadOnlyDictionary<string, string> errors)
    {
        StatusCode = statusCode;
        Value = new ApiErrorBody(errors);
        if (statusCode == StatusCodes.Status401Unauthorized) _headers["WWW-Authenticate"] = Challenge;
    }

    public int StatusCode { get; }
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    public ApiErrorBody Value { get; }
    object? IValueHttpResult.Value => Value;
    public string ContentType => JsonBody.ContentType;
    public IReadOnlyDictionary<string, string> Errors => Value.Errors;

    public static ApiError Of(int status, string field, string message) => new(status, new Dictionary<string, string> { [field] = message });
    public static ApiError BadRequest(string field, string message) => Of(StatusCodes.Status400BadRequest, field, message);
    public static ApiError NotFound(string field, string message) => Of(StatusCodes.Status404NotFound, field, message);

    public static ApiError MethodNotAllowed(string method, IEnumerable<string> allowed)
    {
        var allow = string.Join(", ", allowed);
        return Of(StatusCodes.Status405MethodNotAllowed, "method", $"{method} is not allowed here; use {allow}.").WithHeader("Allow", allow);
    }

    /// <summary>For a status the framework set without a body (a parameter it could not bind, a limit of its own).</summary>
    public static ApiError ForBareStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Of(status, "token", "Send the App-Token and Token headers."),
        StatusCodes.Status403Forbidden => Of(status, "permission", "You may not do this."),
        StatusCodes.Status404NotFound => Of(status, "path", "No API endpoint at this path; see GET /api/v1/ for the resources."),
        StatusCodes.Status405MethodNotAllowed => Of(status, "method", "This method is not allowed here."),
        StatusCodes.Status429TooManyRequests => Of(status, "rate_limit", "Too many requests; wait and try again."),
        >= 500 => Of(status, "server", "The server could not answer this request; try again later."),
        _ => Of(status, "body", "The request could not be read."),
    };

    public static ApiError From(ServiceError error) => new(error.Kind switch
    {
        ServiceErrorKind.Validation => StatusCodes.Status400BadRequest,
        ServiceErrorKind.NotFound => StatusCodes.Status404NotFound,
        ServiceErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ServiceErrorKind.Conflict => StatusCodes.Status409Conflict,
        ServiceErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    }, error.Errors);

    public ApiError WithHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in _headers) httpContext.Response.Headers[name] = value;
        return JsonBody.WriteAsync(httpContext, StatusCode, JsonSerializer.SerializeToUtf8Bytes(Value, BodyInfo));
    }
}
