using System.Globalization;
using System.Numerics;
using System.Text.Json;
using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Reads the fields of a JSON object body strictly: known names only, each of the right JSON type.
/// Problems are collected per field, so one answer names every field at fault.</summary>
public sealed class JsonFields
{
    private readonly JsonElement _body;
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    private JsonFields(JsonElement body) => _body = body;

    /// <param name="refused">Fields a client might send but may not set, with the reason.</param>
    public static JsonFields Of(JsonElement body, IReadOnlyCollection<string> accepted, IReadOnlyDictionary<string, string> refused)
    {
        var fields = new JsonFields(body);
        foreach (var property in body.EnumerateObject())
        {
            if (accepted.Contains(property.Name)) continue;
            fields.Fail(property.Name, refused.TryGetValue(property.Name, out var reason)
                ? reason : $"Unknown field; this endpoint accepts {string.Join(", ", accepted)}.");
        }
        return fields;
    }

    /// <summary>Any field names allowed (the login form, where browsers add fields of their own).</summary>
    public static JsonFields Any(JsonElement body) => new(body);

    public bool Has(string name) => _body.TryGetProperty(name, out _);

    public bool IsEmpty => !_body.EnumerateObject().Any();

    public ApiError? Error => _errors.Count == 0 ? null : new ApiError(StatusCodes.Status400BadRequest, _errors);

    /// <summary>The same problems for the service layer to report (a 400 at the API).</summary>
    public ServiceError? Invalid => _errors.Count == 0 ? null : new ServiceError(ServiceErrorKind.Validation, _errors);

    public void Fail(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>A string, or null when absent or JSON null.</summary>
    public string? String(string name, string? wrongType = null)
    {
        if (!_body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Fail(name, wrongType ?? $"{name} must be a string.");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!_body.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Fail(name, $"{name} must be true or false.");
        return null;
    }

    /// <summary>An integer of any size, written without fraction or exponent; null, strings and 86400.0 are refused.</summary>
    public BigInteger? Integer(string name, string? message = null)
    {
        if (!_body.TryGetProperty(name, out var value)) return null;
        var raw = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        if (raw is not null && raw.IndexOfAny(['.', 'e', 'E']) < 0
            && BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        Fail(name, message ?? $"{name} must be a whole number of seconds written without a fraction or exponent, such as 86400 (or -1 to expire now).");
        return null;
    }

    /// <summary>An array of strings, or null when absent (or JSON null, if <paramref name="nullIsAbsent"/>).</summary>
    public IReadOnlyList<string>? Strings(string name, bool nullIsAbsent = false, string? wrongType = null)
    {
        if (!_body.TryGetProperty(name, out var value) || nullIsAbsent && value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        Fail(name, wrongType ?? $"{name} must be an array of strings.");
        return null;
    }
}
