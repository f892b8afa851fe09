using System.Net;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Api;

public abstract class UserApiTests(ApiFixture api)
{
    [Fact]
    public async Task AdminCreatesAUserAndIsToldWhereItLives()
    {
        var created = await api.Client.PostJsonAsync("/api/v1/users/", api.Admin,
            """{"username": "carol", "password": "C4rol-Passw0rd!", "name": "Carol", "email": "carol@example.com", "roles": []}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var body = created.Json!.AsObject();
        Assert.Equal(["resource_url", "_id"], body.Select(p => p.Key));
        var id = body["_id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/api/v1/users/{id}/", body["resource_url"]!.GetValue<string>());
        Assert.Equal(body["resource_url"]!.GetValue<string>(), created.Header("Location"));
        var user = await api.Client.GetAsync(body["resource_url"]!.GetValue<string>(), api.Admin);
        Assert.Equal("Carol", user.Json!["name"]!.GetValue<string>());
        Assert.DoesNotContain("password", user.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync("carol", "C4rol-Passw0rd!")).Status);
    }

    [Fact]
    public async Task PatchGrantsTheAdminRoleAndChangesThePassword()
    {
        var user = await api.NewCallerAsync("promoted");

        var changed = await api.Client.PatchJsonAsync($"/api/v1/users/{user.User.Id}/", api.Admin,
            """{"roles": ["admin"], "password": "N3w-Passw0rd!", "name": null}""");

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(["admin"], changed.Json!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(user.User.UserName, ApiFixture.UserPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(user.User.UserName, "N3w-Passw0rd!")).Status);
        // The reset ended the user token the user held before it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/users/", user)).Status);
    }

    [Theory]
    [InlineData("name", 201, "name must be at most 200 characters.")]
    [InlineData("email", 257, "email must be at most 256 characters.")]
    public async Task PatchRefusesANameOrEmailLongerThanItsColumnAndChangesNothing(string field, int length, string message)
    {
        var user = await api.NewCallerAsync($"long{field}");
        var value = field == "email" ? new string('a', length - "@example.com".Length) + "@example.com" : new string('a', length);

        var refused = await api.Client.PatchJsonAsync($"/api/v1/users/{user.User.Id}/", api.Admin, $$"""{"{{field}}": "{{value}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(message, refused.Json!["errors"]![field]!.GetValue<string>());
        var stored = await api.Client.GetAsync($"/api/v1/users/{user.User.Id}/", api.Admin);
        Assert.Null(stored.Json![field]);
    }

    [Fact]
    public async Task ListFindsAUserByUsernameIgnoringCase()
    {
        var user = await api.NewCallerAsync("findme");

        var found = await api.Client.GetAsync($"/api/v1/users/?username={user.User.UserName.ToUpperInvariant()}", api.Admin);

        var only = Assert.Single(Assert.IsType<JsonArray>(found.Json));
        Assert.Equal(user.User.Id, only!["id"]!.GetValue<string>());
        Assert.Equal("1", found.Header("X-Total-Count"));
    }

    [Fact]
    public async Task DeletedUserIsGone()
    {
        var user = await api.NewCallerAsync("gone");

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.SendAsync(HttpMethod.Delete, $"/api/v1/users/{user.User.Id}/", api.Admin)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"/api/v1/users/{user.User.Id}/", api.Admin)).Status);
    }

    [Fact]
    public async Task DeactivatingAUserStopsTheirTokensAtOnce()
    {
        var user = await api.NewCallerAsync("deactivated");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", user)).Status);

        await api.Client.PatchJsonAsync($"/api/v1/users/{user.User.Id}/", api.Admin, """{"active": false}""");

        var refused = await api.Client.GetAsync("/api/v1/me", user);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: user.AppToken, token: api.Admin.Token)).Status);
    }

    [Fact]
    public async Task DeletingAUserStopsTheirTokensAtOnce()
    {
        var user = await api.NewCallerAsync("deleted");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", user)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await api.Client.SendAsync(HttpMethod.Delete, $"/api/v1/users/{user.User.Id}", api.Admin)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/me", user)).Status);
    }

    private Task<ApiAnswer> LogInAsync(string userName, string password) => api.Client.SendAsync(HttpMethod.Post, "/api/v1/token/",
        appToken: api.Admin.AppToken, content: ApiClient.Form(("username", userName), ("password", password)));
}

public sealed class UserApiTestsOnSqlite(ApiFixture api) : UserApiTests(api), IClassFixture<ApiFixture>;

public sealed class UserApiTestsOnPostgres(PostgresApiFixture api) : UserApiTests(api), IClassFixture<PostgresApiFixture>;
