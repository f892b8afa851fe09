using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Reads a request body once, at most <see cref="MaxBytes"/>, and turns it into a JSON object or an error.</summary>
public static class RequestBody
{
    public const int MaxBytes = 65_536;
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    public static async Task<ApiInput<byte[]>> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return TooLarge();
        }
        return buffer.ToArray();
    }

    /// <summary>An empty body reads as <c>{}</c>; anything else must be a JSON object sent as application/json.</summary>
    public static async Task<ApiInput<JsonElement>> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, ct);
        if (bytes.Error is { } error) return error;
        if (bytes.Value!.Length == 0) return EmptyObject;
        if (!IsJson(request.ContentType))
            return ApiError.Of(StatusCodes.Status415UnsupportedMediaType, "body", "Send the body as JSON with Content-Type: application/json.");
        return ParseObject(bytes.Value);
    }

    public static ApiInput<JsonElement> ParseObject(byte[] bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return ApiError.BadRequest("body", "The body is not valid UTF-8; send JSON encoded as UTF-8.");
        try
        {
            using var document = JsonDocument.Parse(bytes, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ApiError.BadRequest("body", "The body must be a JSON object, such as {\"seconds_until_expire\": 86400}.");
            return IsText(document.RootElement) ? document.RootElement.Clone() : NotText();
        }
        catch (InvalidOperationException)
        {
            return NotText(); // the check for duplicate property names decodes each name
        }
        catch (JsonException ex)
        {
            return ApiError.BadRequest("body", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); send one JSON object.");
        }
    }

    /// <summary>Whether every string and property name decodes to valid UTF-16: JSON allows an escape such as \ud800
    /// alone, which <see cref="JsonElement.GetString"/> refuses with an exception.</summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return IsUtf16(element.GetString()!);
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsText);
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                        if (!IsUtf16(property.Name) || !IsText(property.Value)) return false;
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsUtf16(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(text, out _, out var used) != System.Buffers.OperationStatus.Done) return false;
            text = text[used..];
        }
        return true;
    }

    public static bool IsJson(string? contentType) => Is(contentType, "application/json") || MediaType(contentType) is { } type
        && type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && Utf8(type);

    public static bool Is(string? contentType, string mediaType) =>
        MediaType(contentType) is { } type && type.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) && Utf8(type);

    private static MediaTypeHeaderValue? MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed : null;

    private static bool Utf8(MediaTypeHeaderValue type) =>
        !type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    private static ApiError NotText() =>
        ApiError.BadRequest("body", "The body has a string that is not valid Unicode text (such as a lone surrogate escape \\ud800).");

    private static ApiError TooLarge() =>
        ApiError.Of(StatusCodes.Status413PayloadTooLarge, "body", $"The body is larger than {MaxBytes} bytes.");
}
