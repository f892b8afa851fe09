using System.Net;
using System.Text.Json.Nodes;
using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Tests.Api;

/// <summary>Every example of Enfix's API documentation, replayed as written (curl's -d sends a urlencoded form).</summary>
public abstract class SeedDocumentTests(ApiFixture api)
{
    private ApiClient Client => api.Client;

    [Fact]
    public async Task LoginWithAppTokenHeaderAndFormAnswersATokenAlone()
    {
        var answer = await Client.SendAsync(HttpMethod.Post, "/api/v1/token/", appToken: api.Admin.AppToken,
            content: new StringContent($"username=admin&password={Uri.EscapeDataString(ApiFactory.AdminPassword)}", null, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var body = Assert.IsType<JsonObject>(answer.Json);
        Assert.Equal(["token"], body.Select(p => p.Key));
        Assert.True(TokenSecrets.LooksLikeSecret(body["token"]!.GetValue<string>()));
        Assert.Equal("no-store", answer.Header("Cache-Control"));
    }

    [Fact]
    public async Task CreatingAnAppTokenAnswersTheAppTokenAlone()
    {
        var answer = await Client.PostJsonAsync("/api/v1/app_tokens/", api.Admin, """{"seconds_until_expire": 86400}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var body = Assert.IsType<JsonObject>(answer.Json);
        Assert.Equal(["app_token"], body.Select(p => p.Key));
        var secret = body["app_token"]!.GetValue<string>();
        Assert.True(TokenSecrets.LooksLikeSecret(secret));
        var item = await Client.GetAsync($"/api/v1/app_tokens/{secret}/", api.Admin);
        Assert.Equal(api.Factory.Time.GetUtcNow().UtcDateTime.AddDays(1), item.Json!["expires_at"]!.GetValue<DateTime>().ToUniversalTime());
    }

    [Fact]
    public async Task CreatingAnOboTokenForAnotherUserAnswersTheTokenAlone()
    {
        var answer = await Client.PostJsonAsync("/api/v1/tokens/", api.Admin,
            $$"""{"seconds_until_expire": 86400, "user": "{{api.Alice.User.Id}}"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var body = Assert.IsType<JsonObject>(answer.Json);
        Assert.Equal(["token"], body.Select(p => p.Key));
        var me = await Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: api.Admin.AppToken, token: body["token"]!.GetValue<string>());
        Assert.Equal(api.Alice.User.Id, me.Json!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInvalidUserIdAnswersTheSeedsErrorExactly()
    {
        var answer = await Client.PostJsonAsync("/api/v1/tokens/", api.Admin, """{"seconds_until_expire": 86400, "user": "52c5fc24a64c9efc0f25353"}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"errors": {"user": "One or more IDs are not formatted correctly."}}"""), answer.Json));
    }

    [Theory]
    [InlineData("app_tokens")]
    [InlineData("tokens")]
    public async Task PatchingMinusOneExpiresAtOnceButKeepsTheRecord(string resource)
    {
        var owner = await api.NewCallerAsync("patch");
        var target = resource == "app_tokens" ? owner.AppToken : owner.Token;

        var answer = await Client.PatchJsonAsync($"/api/v1/{resource}/{target}/", owner, """{"seconds_until_expire": -1}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Json!["expired"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/v1/me", owner)).Status);
        var listed = await Client.GetAsync($"/api/v1/{resource}/", api.Admin);
        Assert.Contains(listed.Json!.AsArray(), item => item!["accessor"]!.GetValue<string>() == answer.Json["accessor"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("app_tokens")]
    [InlineData("tokens")]
    public async Task DeletingByTheTokenItselfRemovesIt(string resource)
    {
        var owner = await api.NewCallerAsync("delete");
        var target = resource == "app_tokens" ? owner.AppToken : owner.Token;

        var answer = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/{resource}/{target}/", owner);

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/{resource}/{target}/", api.Admin)).Status);
    }

    [Theory]
    [InlineData("/api/v1/app_tokens/")]
    [InlineData("/api/v1/tokens/")]
    public async Task PutIsNotAllowed(string path)
    {
        var answer = await Client.SendAsync(HttpMethod.Put, path, api.Admin, ApiClient.Json("""{"seconds_until_expire": 86400}"""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("GET, POST", answer.Header("Allow"));
        Assert.Contains("method", answer.Errors().Keys);
    }

    [Theory]
    [InlineData("/api/v1/app_tokens/", "app_token")]
    [InlineData("/api/v1/tokens/", "token")]
    public async Task YouCannotSpecifyYourOwnTokenString(string path, string field)
    {
        var before = await api.SnapshotAsync();

        var answer = await Client.PostJsonAsync(path, api.Admin, $$"""{"{{field}}": "5aa59576866e4167b26c8430fd4e4d29", "seconds_until_expire": 86400}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(field, answer.Errors().Keys);
        Assert.Equal(before, await api.SnapshotAsync());
    }
}

public sealed class SeedDocumentTestsOnSqlite(ApiFixture api) : SeedDocumentTests(api), IClassFixture<ApiFixture>;

public sealed class SeedDocumentTestsOnPostgres(PostgresApiFixture api) : SeedDocumentTests(api), IClassFixture<PostgresApiFixture>;
