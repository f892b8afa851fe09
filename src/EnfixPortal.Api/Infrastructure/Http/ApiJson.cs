using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;

namespace EnfixPortal.Api.Infrastructure.Http;

public static class ApiJson
{
    /// <summary>How every API answer is written: snake_case names (seconds_until_expire, created_at), UTC times to the
    /// second with a Z, integers as numbers. One instance for the process, so writing an answer looks nothing up.</summary>
    public static readonly JsonSerializerOptions Options = NewOptions();

    /// <summary>The framework's copy (OpenAPI reads its schemas from it) gets the same settings.</summary>
    public static void Configure(JsonOptions options) => Apply(options.SerializerOptions);

    public static string Format(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonSerializerOptions NewOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        Apply(options);
        options.MakeReadOnly();
        return options;
    }

    private static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Bodies are read field by field (JsonFields); strict numbers keep the OpenAPI schemas honest: integers, not strings.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new UtcSecondsConverter());
    }

    private sealed class UtcSecondsConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime().ToUniversalTime();

        /// <summary>The same text as <see cref="Format"/>, written without making a string ("s" is yyyy-MM-ddTHH:mm:ss).</summary>
        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            Span<byte> text = stackalloc byte[24];
            value.TryFormat(text, out var length, "s", CultureInfo.InvariantCulture);
            text[length++] = (byte)'Z';
            writer.WriteStringValue(text[..length]);
        }
    }
}
