using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Writes JSON made before, whole, with its Content-Length: an API error, and <c>/me</c>'s answer, serialized
/// once per token pair. Every other answer is the framework's <c>TypedResults</c>; decision 009 has the figures.</summary>
public static class JsonBody
{
    public const string ContentType = "application/json; charset=utf-8";
    private static readonly string[] ContentTypes = ["application/json"];

    /// <summary>The UTF-8 JSON of an answer under <see cref="ApiJson.Options"/>, as <c>TypedResults.Ok</c> would write it.</summary>
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

/// <summary>200 with a JSON answer of type <typeparamref name="T"/> serialized before (by <see cref="JsonBody.Serialize{T}"/>),
/// for an answer remembered as long as what it shows; documents itself in OpenAPI as <c>Ok&lt;T&gt;</c> does.</summary>
public sealed class JsonOkSerialized<T>(byte[] json) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => JsonBody.WriteAsync(httpContext, StatusCodes.Status200OK, json);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => JsonBody.Describe<T>(builder, StatusCodes.Status200OK);
}
