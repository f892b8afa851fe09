using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using Microsoft.EntityFrameworkCore;
using System.Net;

namespace EnfixPortal.Tests.Api;

public abstract class LoginTests(ApiFixture api)
{
    private const string Login = "/api/v1/token/";

    [Fact]
    public async Task LoginTokenSpeaksForTheUserForADay()
    {
        var user = await api.NewCallerAsync("daily");
        var token = await api.Client.LogInAsync(user.AppToken, user.User.UserName, ApiFixture.UserPassword);

        var me = await api.Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: user.AppToken, token: token);

        Assert.Equal(user.User.Id, me.Json!["id"]!.GetValue<string>());
        Assert.Equal("login", me.Json["token"]!["kind"]!.GetValue<string>());
        Assert.Equal("2026-11-29T09:00:00Z", me.Json["token"]!["expires_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultipartFormWithTheAppTokenFieldLogsIn()
    {
        var user = await api.NewCallerAsync("multipart");
        var form = new MultipartFormDataContent
        {
            { new StringContent(user.User.UserName), "username" },
            { new StringContent(ApiFixture.UserPassword), "password" },
            { new StringContent(user.AppToken), "app_token" },
        };

        var answer = await api.Client.SendAsync(HttpMethod.Post, Login, content: form);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(32, answer.Json!["token"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task UrlencodedFormWithAnAppTokenFieldAndASubmitButtonLogsIn()
    {
        var user = await api.NewCallerAsync("form");
        var answer = await api.Client.SendAsync(HttpMethod.Post, Login, content: ApiClient.Form(
            ("username", user.User.UserName), ("password", ApiFixture.UserPassword), ("app_token", user.AppToken), ("submit", "Log in")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("no-store", answer.Header("Cache-Control"));
    }

    [Fact]
    public async Task JsonLoginWorksWithTheHeader()
    {
        var user = await api.NewCallerAsync("json");
        var answer = await api.Client.SendAsync(HttpMethod.Post, Login, appToken: user.AppToken, content: ApiClient.Json(
            $$"""{"username": {{ApiClient.Quote(user.User.UserName)}}, "password": {{ApiClient.Quote(ApiFixture.UserPassword)}}}"""));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task UnknownUserAndWrongPasswordGetTheSameAnswer()
    {
        var user = await api.NewCallerAsync("same");

        var unknown = await TryAsync(user.AppToken, "nobody-at-all", ApiFixture.UserPassword);
        var wrong = await TryAsync(user.AppToken, user.User.UserName, "Wr0ng-password!");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(unknown.Status, wrong.Status);
        Assert.Equal(unknown.Body, wrong.Body);
        Assert.Equal(PasswordSignIn.Refused, wrong.Errors()["credentials"]);
        Assert.NotNull(wrong.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountEvenAgainstTheRightPassword()
    {
        var user = await api.NewCallerAsync("locked");
        for (var attempt = 0; attempt < 5; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(user.AppToken, user.User.UserName, "Wr0ng-password!")).Status);

        var rightPassword = await TryAsync(user.AppToken, user.User.UserName, ApiFixture.UserPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, rightPassword.Status);
        Assert.Equal(PasswordSignIn.Refused, rightPassword.Errors()["credentials"]);
        Assert.Contains(AuditActions.LoginLockedOut, await AuditActionsFor(user.User.Id));
    }

    [Fact]
    public async Task SuccessAndFailureAreAudited()
    {
        var user = await api.NewCallerAsync("audited");
        await TryAsync(user.AppToken, user.User.UserName, "Wr0ng-password!");
        await api.Client.LogInAsync(user.AppToken, user.User.UserName, ApiFixture.UserPassword);

        var actions = await AuditActionsFor(user.User.Id);

        Assert.Contains(AuditActions.LoginFailed, actions);
        Assert.Contains(AuditActions.LoginSucceeded, actions);
    }

    [Fact]
    public async Task DeactivatedUserCannotLogIn()
    {
        var user = await api.NewCallerAsync("inactive");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PatchJsonAsync($"/api/v1/users/{user.User.Id}/", api.Admin, """{"active": false}""")).Status);

        var answer = await TryAsync(api.Admin.AppToken, user.User.UserName, ApiFixture.UserPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(["credentials"], answer.Errors().Keys);
    }

    private Task<ApiAnswer> TryAsync(string appToken, string userName, string password) => api.Client.SendAsync(HttpMethod.Post, Login,
        appToken: appToken, content: ApiClient.Form(("username", userName), ("password", password)));

    private async Task<List<string>> AuditActionsFor(string userId)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.TargetUserId == userId).Select(e => e.Action).ToListAsync();
    }
}

public sealed class LoginTestsOnSqlite(ApiFixture api) : LoginTests(api), IClassFixture<ApiFixture>;

public sealed class LoginTestsOnPostgres(PostgresApiFixture api) : LoginTests(api), IClassFixture<PostgresApiFixture>;
