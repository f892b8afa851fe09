using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Endpoints;

/// <summary>Reads username, password and app token from a form (urlencoded or multipart) or a JSON object.
/// Other fields, such as a submit button's, are ignored: browsers send them.</summary>
public static class LoginForm
{
    public sealed record Fields(string? AppToken, string? UserName, string? Password);

    public static async Task<ApiInput<Fields>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var bytes = await RequestBody.ReadBytesAsync(request, ct);
        if (bytes.Error is { } tooLarge) return tooLarge;
        var header = TokenAuthentication.Single(request.Headers[TokenAuthentication.AppTokenHeader]);
        if (bytes.Value!.Length == 0) return new Fields(header, null, null);
        if (RequestBody.IsJson(request.ContentType)) return FromJson(bytes.Value, header);
        var isForm = RequestBody.Is(request.ContentType, "application/x-www-form-urlencoded");
        if (!isForm && !RequestBody.Is(request.ContentType, "multipart/form-data"))
            return ApiError.Of(StatusCodes.Status415UnsupportedMediaType, "body",
                "Send username and password as a form (application/x-www-form-urlencoded or multipart/form-data) or as JSON.");
        Dictionary<string, StringValues> form;
        try
        {
            if (isForm) form = await new FormReader(new MemoryStream(bytes.Value)).ReadFormAsync(ct);
            else
            {
                request.Body = new MemoryStream(bytes.Value);
                form = (await request.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return ApiError.BadRequest("body", "The form could not be read; send username and password as form fields.");
        }
        return FromForm(form, header);
    }

    private static ApiInput<Fields> FromForm(Dictionary<string, StringValues> form, string? header)
    {
        foreach (var name in new[] { "username", "password", "app_token" })
            if (form.TryGetValue(name, out var values) && values.Count > 1)
                return ApiError.BadRequest(name, $"Send {name} once.");
        string? Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        return new Fields(header ?? Field("app_token"), Field("username"), Field("password"));
    }

    private static ApiInput<Fields> FromJson(byte[] bytes, string? header)
    {
        var body = RequestBody.ParseObject(bytes);
        if (body.Error is { } invalid) return invalid;
        var fields = JsonFields.Any(body.Value);
        var read = new Fields(header ?? fields.String("app_token"), fields.String("username"), fields.String("password"));
        return fields.Error is { } wrongType ? wrongType : read;
    }
}
