using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Operations;

/// <summary>Plain HTTP calls against a <see cref="ServerProcess"/>, as curl would make them.</summary>
public static class RealServerSession
{
    public static async Task<(HttpStatusCode Status, JsonNode? Json)> SendAsync(HttpClient http, HttpMethod method, string path,
        string? appToken, string? token, string? json = null, HttpContent? content = null)
    {
        using var request = NewRequest(method, path, appToken, token, json, content);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    /// <summary>A request as curl would send it: the two token headers when given, a JSON body when given.</summary>
    public static HttpRequestMessage NewRequest(HttpMethod method, string path, string? appToken, string? token, string? json = null,
        HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = content ?? (json is null ? null : new StringContent(json, Encoding.UTF8, "application/json")),
        };
        if (appToken is not null) request.Headers.Add("App-Token", appToken);
        if (token is not null) request.Headers.Add("Token", token);
        return request;
    }

    public static async Task<string> LogInAsync(HttpClient http, string appToken, string userName, string password)
    {
        var (status, json) = await SendAsync(http, HttpMethod.Post, "/api/v1/token/", appToken, null,
            content: new FormUrlEncodedContent([new("username", userName), new("password", password)]));
        Assert.Equal(HttpStatusCode.OK, status);
        return json!["token"]!.GetValue<string>();
    }

    public static Task<HttpStatusCode> MeAsync(HttpClient http, string appToken, string token) =>
        SendAsync(http, HttpMethod.Get, "/api/v1/me", appToken, token).ContinueWith(t => t.Result.Status);
}
