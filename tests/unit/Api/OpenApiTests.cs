using System.Net;
using System.Text.Json.Nodes;
using EnfixPortal.Api.Gateway;

namespace EnfixPortal.Tests.Api;

public sealed class OpenApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/v1/token", "post", "200 400 401 413 415 429 500")]
    [InlineData("/api/v1/app_tokens", "post", "201 400 401 403 413 415 500")]
    [InlineData("/api/v1/app_tokens", "get", "200 400 401 403 500")]
    [InlineData("/api/v1/app_tokens", "put", "405")]
    [InlineData("/api/v1/app_tokens/{id}", "patch", "200 400 401 404 413 415 500")]
    [InlineData("/api/v1/app_tokens/{id}", "delete", "204 401 404 500")]
    [InlineData("/api/v1/tokens", "post", "201 400 401 403 413 415 500")]
    [InlineData("/api/v1/tokens/{id}", "get", "200 401 404 500")]
    [InlineData("/api/v1/tokens/{id}", "put", "405")]
    [InlineData("/api/v1/users", "post", "201 400 401 403 413 415 500")]
    [InlineData("/api/v1/users/{id}", "patch", "200 400 401 403 404 409 413 415 500")]
    [InlineData("/api/v1/me", "get", "200 401 500")]
    [InlineData("/api/v1", "get", "200 401 500")]
    public async Task DocumentListsEachOperationWithEveryStatusItAnswers(string path, string method, string statuses)
    {
        var document = await DocumentAsync();

        var responses = document["paths"]![path]![method]!["responses"]!.AsObject().Select(r => r.Key);

        Assert.Superset(statuses.Split(' ').ToHashSet(), responses.ToHashSet());
    }

    [Fact]
    public async Task DocumentDescribesBodiesAndTheTwoTokenHeaders()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("App-Token", schemes["AppToken"]!["name"]!.GetValue<string>());
        Assert.Equal("Token", schemes["UserToken"]!["name"]!.GetValue<string>());
        var body = document["paths"]!["/api/v1/app_tokens"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.ToJsonString();
        Assert.Contains("seconds_until_expire", body);
        Assert.NotNull(document["paths"]!["/api/v1/token"]!["post"]!["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
    }

    [Theory]
    [InlineData("/api/v1/app_tokens", "get", "tokens:read")]
    [InlineData("/api/v1/tokens", "post", "tokens:write")]
    [InlineData("/api/v1/tokens/{id}", "delete", "tokens:write")]
    [InlineData("/api/v1/users/{id}", "get", "users:read")]
    [InlineData("/api/v1/users", "post", "users:write")]
    [InlineData("/api/v1/me", "get", "")]
    public async Task DocumentNamesTheBuiltInScopeEachOperationNeeds(string path, string method, string scope)
    {
        var document = await DocumentAsync();

        var requirement = Assert.Single(document["paths"]![path]![method]!["security"]!.AsArray())!.AsObject();

        Assert.Equal(["AppToken", "UserToken"], requirement.Select(r => r.Key));
        Assert.All(requirement, r => Assert.Equal(scope.Length == 0 ? [] : [scope], r.Value!.AsArray().Select(s => s!.GetValue<string>())));
        Assert.Contains("`introspect`", document["info"]!["description"]!.GetValue<string>());
        Assert.Contains("`tokens:write`", document["info"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task DocumentDescribesTheForwardAuthCheckThatTakesAnyMethod()
    {
        var document = await DocumentAsync();

        var check = document["paths"]!["/api/v1/auth/check"]!["get"]!;

        Assert.Equal(["200", "400", "401", "403", "500"], check["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.Equal(IdentityHeaders.Names.Order(), check["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key).Order());
        Assert.Equal("#/components/schemas/ApiErrorBody",
            check["responses"]!["401"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["ApiErrorBody"]);
        var scope = Assert.Single(check["parameters"]!.AsArray())!;
        Assert.Equal(("scope", "query"), (scope["name"]!.GetValue<string>(), scope["in"]!.GetValue<string>()));
        Assert.Equal(["AppToken", "UserToken"], Assert.Single(check["security"]!.AsArray())!.AsObject().Select(r => r.Key));
        Assert.Contains("Any method", check["description"]!.GetValue<string>());
        Assert.Equal(["Gateway"], check["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task ReferencePageIsServedWithItsScript()
    {
        var page = await api.Client.Http.GetAsync("/scalar/");
        var script = await api.Client.Http.GetAsync("/scalar/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/app_tokens", "page per_page user scope status q sort attention")]
    [InlineData("/api/v1/tokens", "page per_page user scope status q sort attention kind")]
    [InlineData("/api/v1/users", "page per_page username q active")]
    public async Task DocumentNamesEachListsQueryParameters(string path, string names)
    {
        var document = await DocumentAsync();

        var parameters = document["paths"]![path]!["get"]!["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query");

        Assert.Equal(names.Split(' ').Order(), parameters.Select(p => p!["name"]!.GetValue<string>()).Order());
    }

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await api.Client.Http.GetStringAsync("/openapi/v1.json"))!;
}
