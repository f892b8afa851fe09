using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Api;

/// <summary>An answer read once: status, headers and the body as text and JSON.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, HttpResponseMessage Response, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : null;

    /// <summary>Enfix's error shape: an object with an "errors" object of non-empty strings, and nothing else.</summary>
    public IDictionary<string, string> Errors()
    {
        var root = Assert.IsType<JsonObject>(Json);
        Assert.Equal(["errors"], root.Select(p => p.Key));
        var errors = Assert.IsType<JsonObject>(root["errors"]);
        Assert.NotEmpty(errors);
        return errors.ToDictionary(e => e.Key, e =>
        {
            var message = e.Value!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(message));
            return message;
        });
    }
}

public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, Caller? caller = null, HttpContent? content = null,
        string? appToken = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if ((appToken ?? caller?.AppToken) is { } app) request.Headers.Add("App-Token", app);
        if ((token ?? caller?.Token) is { } user) request.Headers.Add("Token", user);
        var response = await http.SendAsync(request);
        return new ApiAnswer(response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    public Task<ApiAnswer> GetAsync(string path, Caller? caller = null) => SendAsync(HttpMethod.Get, path, caller);

    public Task<ApiAnswer> PostJsonAsync(string path, Caller? caller, string json) => SendAsync(HttpMethod.Post, path, caller, Json(json));

    public Task<ApiAnswer> PatchJsonAsync(string path, Caller? caller, string json) => SendAsync(HttpMethod.Patch, path, caller, Json(json));

    /// <summary>A login form POST, whatever it answers.</summary>
    public Task<ApiAnswer> TryLogInAsync(string appToken, string userName, string password) =>
        SendAsync(HttpMethod.Post, "/api/v1/token/", content: Form(("username", userName), ("password", password)), appToken: appToken);

    public async Task<string> LogInAsync(string appToken, string userName, string password)
    {
        var answer = await TryLogInAsync(appToken, userName, password);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Json!["token"]!.GetValue<string>();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    public static string Quote(string value) => JsonSerializer.Serialize(value);

    public void Dispose() => http.Dispose();
}
