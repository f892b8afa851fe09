using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using System.Net;

namespace EnfixPortal.Tests.Operations;

/// <summary>Many requests at once on one token or one account, through the API over a real SQLite file: no 5xx, one consistent end state.</summary>
public sealed class ConcurrencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Parallel = 24;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task PatchesDeletesAndReadsRacingOnOneTokenLeaveItDeletedOnceWithoutA5xx(int round)
    {
        var owner = await api.NewCallerAsync($"race{round}");
        var target = await api.NewTokenAsync(owner, TokenFamily.User);
        var path = $"/api/v1/tokens/{target.Secret}/";

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => (i % 3) switch
        {
            0 => api.Client.PatchJsonAsync(path, owner, $$"""{"seconds_until_expire": {{i + 60}}, "name": "n{{i}}"}"""),
            1 => api.Client.SendAsync(HttpMethod.Delete, path, owner),
            _ => api.Client.GetAsync(path, owner),
        }));

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.NotFound), a => Assert.Equal(["id"], a.Errors().Keys));
        Assert.Single(answers.Where((a, i) => i % 3 == 1 && a.Status != HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync(path, owner)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/me/", owner with { Token = target.Secret })).Status);
        Assert.Equal(1, await AuditCountAsync(AuditActions.TokenDeleted, target.Token.Accessor));
    }

    [Fact]
    public async Task ParallelRenamesAllSucceedAndTheLastWriteIsWhatIsStored()
    {
        var owner = await api.NewCallerAsync("rename");
        var target = await api.NewTokenAsync(owner, TokenFamily.App);
        var path = $"/api/v1/app_tokens/{target.Token.Accessor}/";

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i =>
            api.Client.PatchJsonAsync(path, owner, $$"""{"name": "name-{{i}}"}""")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var stored = (await api.Client.GetAsync(path, owner)).Json!["name"]!.GetValue<string>();
        Assert.Contains(stored, answers.Select(a => a.Json!["name"]!.GetValue<string>()));
        Assert.Equal(Parallel, await AuditCountAsync(AuditActions.TokenRenamed, target.Token.Accessor));
    }

    [Fact]
    public async Task ManyParallelLoginsOfOneUserAllSucceed()
    {
        var user = await api.NewCallerAsync("logins");

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => LogInAsync(user, ApiFixture.UserPassword)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(Parallel, answers.Select(a => a.Json!["token"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task ParallelWrongPasswordsAreAllRefusedAndEveryOneCountsTowardLockout()
    {
        var user = await api.NewCallerAsync("lockout");

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => LogInAsync(user, $"Wrong-{i}")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(user, ApiFixture.UserPassword)).Status);
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        var stored = await db.SignInFailures.SingleAsync(f => f.UserId == user.User.Id);
        Assert.NotNull(stored.LockedUntil);
    }

    [Fact]
    public async Task WrongAndRightPasswordsRacingNeverAnswer5xx()
    {
        var user = await api.NewCallerAsync("mixed");

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i =>
            LogInAsync(user, i % 6 == 0 ? "Wrong-pass-1!" : ApiFixture.UserPassword)));

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized }));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
    }

    private Task<ApiAnswer> LogInAsync(Caller user, string password) => api.Client.TryLogInAsync(user.AppToken, user.User.UserName, password);

    private async Task<int> AuditCountAsync(string action, string accessor)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.Action == action && e.TargetAccessor == accessor);
    }
}
