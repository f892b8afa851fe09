using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using System.Net;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Api;

public abstract class TokenApiTests(ApiFixture api)
{
    [Fact]
    public async Task ListsAreBareArraysPagedWithTotalAndLinks()
    {
        var owner = await api.NewCallerAsync("pages");
        for (var i = 0; i < 5; i++) await api.NewTokenAsync(owner, TokenFamily.App);

        var page = await api.Client.GetAsync("/api/v1/app_tokens/?per_page=2&page=2", owner);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, Assert.IsType<JsonArray>(page.Json).Count);
        Assert.Equal("6", page.Header("X-Total-Count"));
        var links = page.Header("Link")!;
        Assert.Contains("page=1>; rel=\"first\"", links);
        Assert.Contains("page=1>; rel=\"prev\"", links);
        Assert.Contains("page=3>; rel=\"next\"", links);
        Assert.Contains("page=3>; rel=\"last\"", links);
        Assert.Contains("<http://localhost/api/v1/app_tokens/?per_page=2&page=3>", links);
    }

    [Theory]
    [InlineData("/api/v1/app_tokens/")]
    [InlineData("/api/v1/tokens/")]
    public async Task ANonAdminNamingAnotherUserIsForbiddenWhateverElseIsWrongWithTheBody(string path)
    {
        var caller = await api.NewCallerAsync("nosy");
        var before = await api.Client.GetAsync(path + "?user=" + api.Bob.User.Id, api.Admin);

        var refused = await api.Client.PostJsonAsync(path, caller, $$"""{"user": "{{api.Bob.User.Id}}", "name": 5, "token": "mine"}""");
        var wellFormed = await api.Client.PostJsonAsync(path, caller, $$"""{"user": "{{api.Bob.User.Id}}"}""");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("Only an administrator may issue tokens for another user.", refused.Errors()["permission"]);
        Assert.Equal(HttpStatusCode.Forbidden, wellFormed.Status);
        var after = await api.Client.GetAsync(path + "?user=" + api.Bob.User.Id, api.Admin);
        Assert.Equal(before.Header("X-Total-Count"), after.Header("X-Total-Count"));
    }

    [Fact]
    public async Task AnUnreadableBodyFromAnAllowedCallerNamesEveryFieldAtFault()
    {
        var caller = await api.NewCallerAsync("sloppy");

        var refused = await api.Client.PostJsonAsync("/api/v1/app_tokens/", caller, """{"user": "not-an-id", "name": 5, "token": "mine"}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["name", "token", "user"], refused.Errors().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/app_tokens")]
    [InlineData("/api/v1/app_tokens/")]
    [InlineData("/api/v1/tokens")]
    [InlineData("/api/v1/tokens/")]
    public async Task TrailingSlashIsOptionalAndNothingRedirects(string path)
    {
        var created = await api.Client.PostJsonAsync(path, api.Admin, "{}");
        var listed = await api.Client.GetAsync(path, api.Admin);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
    }

    [Fact]
    public async Task TheTokenAndItsAccessorNameTheSameItem()
    {
        var owner = await api.NewCallerAsync("ids");

        var bySecret = await api.Client.GetAsync($"/api/v1/tokens/{owner.Token}", owner);
        var byAccessor = await api.Client.GetAsync($"/api/v1/tokens/{owner.TokenAccessor}/", owner);

        Assert.True(JsonNode.DeepEquals(bySecret.Json, byAccessor.Json));
        Assert.Equal(["accessor", "hint", "name", "scopes", "user", "kind", "issued_by", "created_at", "expires_at", "expired", "last_used_at",
            "last_used_ip", "last_used_user_agent", "created_by"], bySecret.Json!.AsObject().Select(p => p.Key));
        Assert.Equal(owner.Token[..4], bySecret.Json["hint"]!.GetValue<string>());
        Assert.Equal("obo", bySecret.Json["kind"]!.GetValue<string>());
        Assert.Equal("2026-11-28T09:00:00Z", bySecret.Json["created_at"]!.GetValue<string>());
        var app = await api.Client.GetAsync($"/api/v1/app_tokens/{owner.AppToken}", owner);
        Assert.Equal(["accessor", "hint", "name", "scopes", "user", "created_at", "expires_at", "expired", "last_used_at", "last_used_ip",
            "last_used_user_agent", "created_by"], app.Json!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task TheUserAgentOfTheLastRequestIsInTheAnswersAfterTheBatchIsWritten()
    {
        var owner = await api.NewCallerAsync("agent");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/"))
        {
            request.Headers.Add("App-Token", owner.AppToken);
            request.Headers.Add("Token", owner.Token);
            request.Headers.TryAddWithoutValidation("User-Agent", "nightly-backup/2.1 (+ops)");
            using var used = await api.Client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }
        await api.Get<TokenUsage>().FlushAsync();

        var app = await api.Client.GetAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}/", api.Admin);
        var user = await api.Client.GetAsync($"/api/v1/tokens/{owner.TokenAccessor}/", api.Admin);

        Assert.Equal("nightly-backup/2.1 (+ops)", app.Json!["last_used_user_agent"]!.GetValue<string>());
        Assert.Equal("nightly-backup/2.1 (+ops)", user.Json!["last_used_user_agent"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherUsersTokenLooksExactlyLikeAMissingOne()
    {
        var hidden = await api.Client.GetAsync($"/api/v1/app_tokens/{api.Alice.AppTokenAccessor}/", api.Bob);
        var missing = await api.Client.GetAsync("/api/v1/app_tokens/0123456789abcdef01234567/", api.Bob);

        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        Assert.Equal(missing.Status, hidden.Status);
        Assert.Equal(missing.Body, hidden.Body);
    }

    [Fact]
    public async Task IntegersOfAnySizeWork()
    {
        var owner = await api.NewCallerAsync("sizes");
        var longLived = await api.Client.PostJsonAsync("/api/v1/app_tokens/", owner, """{"seconds_until_expire": 6000000000}""");
        var item = await api.Client.GetAsync(longLived.Header("Location")!, owner);
        var expired = await api.Client.PatchJsonAsync($"/api/v1/tokens/{owner.TokenAccessor}/", owner,
            """{"seconds_until_expire": -1000000000000000000000000000000}""");

        Assert.Equal("2217-01-15T19:40:00Z", item.Json!["expires_at"]!.GetValue<string>());
        Assert.True(expired.Json!["expired"]!.GetValue<bool>());
        Assert.Equal("2026-11-28T09:00:00Z", expired.Json["expires_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnExpiredTokenCanBeGivenAFutureAgain()
    {
        var owner = await api.NewCallerAsync("revive");
        var token = await api.NewTokenAsync(owner, TokenFamily.User, seconds: -1);

        var revived = await api.Client.PatchJsonAsync($"/api/v1/tokens/{token.Secret}/", owner, """{"seconds_until_expire": 3600, "name": "again"}""");

        Assert.False(revived.Json!["expired"]!.GetValue<bool>());
        Assert.Equal("again", revived.Json["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: owner.AppToken, token: token.Secret)).Status);
    }

    [Fact]
    public async Task AnEmptyPostTakesTheDefaultsAndAnswersNoStoreAndALocation()
    {
        var owner = await api.NewCallerAsync("defaults");
        var created = await api.Client.SendAsync(HttpMethod.Post, "/api/v1/app_tokens/", owner);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("no-store", created.Header("Cache-Control"));
        var item = await api.Client.GetAsync(created.Header("Location")!, owner);
        Assert.StartsWith("2226-", item.Json!["expires_at"]!.GetValue<string>());
        Assert.Null((await api.Client.GetAsync("/api/v1/app_tokens/", owner)).Header("Cache-Control"));
    }

    [Fact]
    public async Task AdminFiltersTokensByUserAndKindAndOthersSeeOnlyTheirOwn()
    {
        var owner = await api.NewCallerAsync("filters");
        await api.Client.LogInAsync(owner.AppToken, owner.User.UserName, ApiFixture.UserPassword);

        var logins = await api.Client.GetAsync($"/api/v1/tokens/?user={owner.User.Id}&kind=login", api.Admin);
        var own = await api.Client.GetAsync("/api/v1/tokens/", owner);

        var login = Assert.Single(logins.Json!.AsArray());
        Assert.Equal("login", login!["kind"]!.GetValue<string>());
        Assert.Equal(owner.User.Id, login["issued_by"]!.GetValue<string>());
        Assert.All(own.Json!.AsArray(), item => Assert.Equal(owner.User.Id, item!["user"]!.GetValue<string>()));
        Assert.Equal("2", own.Header("X-Total-Count"));
    }

    [Fact]
    public async Task MeAndTheIndexDescribeTheCallerAndTheResources()
    {
        var me = await api.Client.GetAsync("/api/v1/me", api.Alice);
        var index = await api.Client.GetAsync("/api/v1", api.Alice);

        Assert.Equal(api.Alice.User.UserName, me.Json!["username"]!.GetValue<string>());
        Assert.Empty(me.Json["roles"]!.AsArray());
        Assert.Equal(api.Alice.AppTokenAccessor, me.Json["app_token"]!["accessor"]!.GetValue<string>());
        var children = index.Json!["_links"]!["child"]!.AsArray().Select(link => link!["href"]!.GetValue<string>());
        Assert.Contains("/api/v1/app_tokens/", children);
        Assert.Contains("/api/v1/tokens/", children);
    }
}

public sealed class TokenApiTestsOnSqlite(ApiFixture api) : TokenApiTests(api), IClassFixture<ApiFixture>;

public sealed class TokenApiTestsOnPostgres(PostgresApiFixture api) : TokenApiTests(api), IClassFixture<PostgresApiFixture>;
