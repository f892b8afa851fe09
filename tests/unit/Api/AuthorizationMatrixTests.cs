using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using System.Net;

namespace EnfixPortal.Tests.Api;

/// <summary>Every endpoint against every kind of caller. Targets belong to a fresh ordinary user, the "owner".</summary>
public abstract class AuthorizationMatrixTests(ApiFixture api)
{
    public enum CallerState { NoTokens, BadAppToken, ExpiredAppToken, ExpiredUserToken, DeletedToken, NonAdmin, Owner, Admin }

    /// <param name="BeforeAuthentication">Answered the same to everyone, tokens or not (a method the path does not have).</param>
    private sealed record Endpoint(string Name, string Method, string Path, string? Body, int NonAdmin, int Owner, int Admin,
        bool BeforeAuthentication = false);

    private static readonly Endpoint[] Endpoints =
    [
        new("index", "GET", "/api/v1/", null, 200, 200, 200),
        new("me", "GET", "/api/v1/me", null, 200, 200, 200),
        new("list app tokens", "GET", "/api/v1/app_tokens/", null, 200, 200, 200),
        new("create app token", "POST", "/api/v1/app_tokens/", """{"seconds_until_expire": 60}""", 201, 201, 201),
        new("create app token for owner", "POST", "/api/v1/app_tokens/", """{"user": "{owner}"}""", 403, 201, 201),
        new("get app token", "GET", "/api/v1/app_tokens/{app}/", null, 404, 200, 200),
        new("patch app token", "PATCH", "/api/v1/app_tokens/{app}/", """{"name": "renamed"}""", 404, 200, 200),
        new("delete app token", "DELETE", "/api/v1/app_tokens/{app}/", null, 404, 204, 204),
        new("list tokens", "GET", "/api/v1/tokens/", null, 200, 200, 200),
        new("list owner's tokens", "GET", "/api/v1/tokens/?user={owner}", null, 403, 200, 200),
        new("create token", "POST", "/api/v1/tokens/", """{"seconds_until_expire": 60}""", 201, 201, 201),
        new("create OBO token for owner", "POST", "/api/v1/tokens/", """{"user": "{owner}"}""", 403, 201, 201),
        new("get token", "GET", "/api/v1/tokens/{token}/", null, 404, 200, 200),
        new("patch token", "PATCH", "/api/v1/tokens/{token}/", """{"seconds_until_expire": 5}""", 404, 200, 200),
        new("delete token", "DELETE", "/api/v1/tokens/{token}/", null, 404, 204, 204),
        new("list users", "GET", "/api/v1/users/", null, 403, 403, 200),
        new("create user", "POST", "/api/v1/users/", """{"username": "{new}", "password": "N3w-Passw0rd!"}""", 403, 403, 201),
        new("get user", "GET", "/api/v1/users/{owner}/", null, 403, 403, 200),
        new("patch user", "PATCH", "/api/v1/users/{owner}/", """{"name": "Owner"}""", 403, 403, 200),
        new("delete user", "DELETE", "/api/v1/users/{owner}/", null, 403, 403, 204),
        new("put app tokens", "PUT", "/api/v1/app_tokens/", """{"seconds_until_expire": 60}""", 405, 405, 405, BeforeAuthentication: true),
        new("put a token", "PUT", "/api/v1/tokens/{token}/", """{"seconds_until_expire": 60}""", 405, 405, 405, BeforeAuthentication: true),
        new("put a user", "PUT", "/api/v1/users/{owner}/", """{"name": "x"}""", 405, 405, 405, BeforeAuthentication: true),
    ];

    public static TheoryData<string, CallerState, int> Cases()
    {
        var cases = new TheoryData<string, CallerState, int>();
        foreach (var endpoint in Endpoints)
            foreach (var state in Enum.GetValues<CallerState>())
                cases.Add(endpoint.Name, state, state switch
                {
                    CallerState.NonAdmin => endpoint.NonAdmin,
                    CallerState.Owner => endpoint.Owner,
                    CallerState.Admin => endpoint.Admin,
                    _ => endpoint.BeforeAuthentication ? endpoint.Admin : 401,
                });
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EndpointAnswersEachKindOfCallerAsTheContractSays(string endpointName, CallerState state, int expected)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var owner = await api.NewCallerAsync("owner");
        var app = await api.NewTokenAsync(owner, TokenFamily.App);
        var token = await api.NewTokenAsync(owner, TokenFamily.User);
        string Fill(string text) => text.Replace("{owner}", owner.User.Id).Replace("{app}", app.Token.Accessor)
            .Replace("{token}", token.Secret).Replace("{new}", $"new-{Guid.NewGuid():N}"[..16]);
        var (appToken, userToken) = await TokensFor(state, owner);

        var answer = await api.Client.SendAsync(new HttpMethod(endpoint.Method), Fill(endpoint.Path),
            content: endpoint.Body is null ? null : ApiClient.Json(Fill(endpoint.Body)), appToken: appToken, token: userToken);

        Assert.Equal((HttpStatusCode)expected, answer.Status);
        if (expected >= 400) Assert.NotEmpty(answer.Errors());
        if (expected == 401) Assert.StartsWith("Token ", answer.Header("WWW-Authenticate"));
        if (expected != 201) Assert.Null(answer.Header("Location"));
    }

    public static TheoryData<CallerState, int> LoginCases() => new()
    {
        { CallerState.NoTokens, 401 }, { CallerState.BadAppToken, 401 }, { CallerState.ExpiredAppToken, 401 },
        { CallerState.DeletedToken, 401 }, { CallerState.Owner, 200 },
    };

    [Theory]
    [MemberData(nameof(LoginCases))]
    public async Task LoginNeedsALiveAppToken(CallerState state, int expected)
    {
        var owner = await api.NewCallerAsync("login");
        var appToken = state switch
        {
            CallerState.NoTokens => null,
            CallerState.BadAppToken => new string('a', 32),
            CallerState.ExpiredAppToken => (await api.NewTokenAsync(api.Admin, TokenFamily.App, seconds: -1)).Secret,
            CallerState.DeletedToken => await DeletedAsync(TokenFamily.App),
            _ => owner.AppToken,
        };

        var answer = await api.Client.SendAsync(HttpMethod.Post, "/api/v1/token/", appToken: appToken,
            content: ApiClient.Form(("username", owner.User.UserName), ("password", ApiFixture.UserPassword)));

        Assert.Equal((HttpStatusCode)expected, answer.Status);
        if (expected == 401) Assert.Equal(["app_token"], answer.Errors().Keys);
    }

    private async Task<(string? App, string? Token)> TokensFor(CallerState state, Caller owner) => state switch
    {
        CallerState.NoTokens => (null, null),
        CallerState.BadAppToken => ("0123456789abcdef0123456789abcdef", api.Admin.Token),
        CallerState.ExpiredAppToken => ((await api.NewTokenAsync(api.Admin, TokenFamily.App, seconds: -1)).Secret, api.Admin.Token),
        CallerState.ExpiredUserToken => (api.Admin.AppToken, (await api.NewTokenAsync(api.Admin, TokenFamily.User, seconds: -1)).Secret),
        CallerState.DeletedToken => (api.Admin.AppToken, await DeletedAsync(TokenFamily.User)),
        CallerState.NonAdmin => (api.Bob.AppToken, api.Bob.Token),
        CallerState.Owner => (owner.AppToken, owner.Token),
        _ => (api.Admin.AppToken, api.Admin.Token),
    };

    private async Task<string> DeletedAsync(TokenFamily family)
    {
        var created = await api.NewTokenAsync(api.Admin, family);
        Assert.True((await api.Get<TokenService>().DeleteAsync(api.Admin.Actor, family, created.Token.Accessor)).Succeeded);
        return created.Secret;
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(ApiFixture api) : AuthorizationMatrixTests(api), IClassFixture<ApiFixture>;

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApiFixture api) : AuthorizationMatrixTests(api), IClassFixture<PostgresApiFixture>;
