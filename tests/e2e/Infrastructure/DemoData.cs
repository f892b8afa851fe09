using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>A small, believable installation for the README's screenshots: a few people, the app tokens of their
/// services, OBO tokens, API logins (one failed), a deactivated user and an expired token, all made through the real
/// service layer and API.</summary>
public static class DemoData
{
    public static async Task SeedAsync(PortalServer server)
    {
        var services = server.Services;
        var users = services.GetRequiredService<UserService>();
        var tokens = services.GetRequiredService<TokenService>();
        var admin = (await services.GetRequiredService<UserQueries>().FindByNameAsync(PortalServer.AdminUserName))!;
        var actor = new Actor(admin.Id, admin.UserName, true, Door.Portal, "127.0.0.1");
        const long Day = 86_400;

        var people = new Dictionary<string, UserView>();
        foreach (var (name, display, isAdmin) in new[]
        {
            ("margaret", "Margaret Hamilton", true), ("grace", "Grace Hopper", false), ("alan", "Alan Turing", false),
            ("katherine", "Katherine Johnson", false), ("dennis", "Dennis Ritchie", false),
        })
        {
            var created = await users.CreateAsync(actor, new CreateUserRequest(name, ServerActions.UserPassword, display,
                $"{name}@example.com", Admin: isAdmin));
            Assert.True(created.Succeeded, created.Error?.Describe());
            people[name] = created.Value!;
        }

        async Task<CreatedToken> App(string owner, string name, long seconds)
        {
            var created = await tokens.CreateAppTokenAsync(actor, new CreateTokenRequest(people.GetValueOrDefault(owner)?.Id ?? admin.Id, name, seconds));
            Assert.True(created.Succeeded, created.Error?.Describe());
            return created.Value!;
        }

        var mobile = await App("grace", "mobile app (iOS)", 365 * Day);
        await App("margaret", "nightly deploy pipeline", 90 * Day);
        await App("admin", "grafana metrics", 30 * Day);
        await App("alan", "billing export", 5 * Day);
        await App("katherine", "data warehouse sync", 180 * Day);
        var retired = await App("dennis", "legacy cron job", 30 * Day);
        await tokens.ChangeAsync(actor, TokenFamily.App, retired.Token.Accessor, new ChangeTokenRequest(SecondsUntilExpire: -1));
        foreach (var (user, name) in new[] { ("grace", "support ticket #4711"), ("katherine", "quarterly report"), ("alan", "migration script") })
        {
            var obo = await tokens.CreateOboTokenAsync(actor, new CreateTokenRequest(people[user].Id, name, Day));
            Assert.True(obo.Succeeded, obo.Error?.Describe());
        }

        using var http = server.CreateHttpClient();
        foreach (var (user, password) in new[] { ("grace", ServerActions.UserPassword), ("alan", ServerActions.UserPassword),
                     ("katherine", ServerActions.UserPassword), ("alan", "not-his-password") })
        {
            using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/token/")
            {
                Content = new FormUrlEncodedContent([new("username", user), new("password", password)]),
            };
            login.Headers.Add("App-Token", mobile.Secret);
            using var answer = await http.SendAsync(login);
            Assert.Equal(password == ServerActions.UserPassword ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        Assert.True((await users.UpdateAsync(actor, people["dennis"].Id, new UpdateUserRequest(Active: false))).Succeeded);
        await services.GetRequiredService<TokenUsage>().FlushAsync();
    }
}
