using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Writes a JSON answer whole, with its Content-Length: the framework's own JSON results stream the body
/// chunked, which costs a second write for the closing chunk on every answer of the hot path.</summary>
public static class JsonBody
{
    public const string ContentType = "application/json; charset=utf-8";
    private static readonly string[] ContentTypes = ["application/json"];

    public static Task WriteAsync<T>(HttpContext http, int status, T value) => WriteAsync(http, status, Serialize(value));

    public static Task WriteAsync<T>(HttpContext http, int status, T value, JsonTypeInfo<T> typeInfo) =>
        WriteAsync(http, status, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>The UTF-8 JSON of an answer under <see cref="ApiJson.Options"/>: what <see cref="WriteAsync{T}(HttpContext, int, T)"/> writes.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ApiTypes<T>.Info);

    public static Task WriteAsync(HttpContext http, int status, byte[] bytes)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, 0, bytes.Length, http.RequestAborted);
    }

    /// <summary>The contract of each answer type under <see cref="ApiJson.Options"/>, looked up once per type.</summary>
    private static class ApiTypes<T>
    {
        public static readonly JsonTypeInfo<T> Info = (JsonTypeInfo<T>)ApiJson.Options.GetTypeInfo(typeof(T));
    }

    internal static void Describe<T>(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), ContentTypes));
}

/// <summary>200 with a JSON body; documents itself in OpenAPI like the framework's <c>Ok&lt;T&gt;</c>.</summary>
public sealed class JsonOk<T>(T value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value => value;
    object? IValueHttpResult.Value => value;
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, value);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => JsonBody.Describe<T>(builder, StatusCodes.Status200OK);
}

/// <summary>201 with the new resource's address in Location and a JSON body.</summary>
public sealed class JsonCreated<T>(string location, T value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public string Location => location;
    public T Value => value;
    object? IValueHttpResult.Value => value;
    public int? StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location;
        return JsonBody.WriteAsync(httpContext, StatusCodes.Status201Created, value);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => JsonBody.Describe<T>(builder, StatusCodes.Status201Created);
}

/// <summary>200 with a JSON answer of type <typeparamref name="T"/> serialized before (by <see cref="JsonBody.Serialize{T}"/>),
/// for an answer remembered as long as what it shows; documents itself in OpenAPI as <see cref="JsonOk{T}"/> does.</summary>
public sealed class JsonOkSerialized<T>(byte[] json) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, json);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => JsonBody.Describe<T>(builder, StatusCodes.Status200OK);
}

public static class JsonResults
{
    public static JsonOk<T> Ok<T>(T value) => new(value);
    public static JsonCreated<T> Created<T>(string location, T value) => new(location, value);
}
