using System.Text.Json;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Webhooks;

public abstract class ExpiryAnnouncementTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new() { ["Enfix:Webhooks:AllowLoopback"] = "true" });

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ATokenIsWarnedAt30And7And1DaysThenAnnouncedExpiredEachOnceEvenAfterARestart()
    {
        await _harness.Get<WebhookService>().CreateAsync(_harness.AdminActor,
            new WebhookRequest("http://127.0.0.1:9/hook", ["token.expiring", "token.expired"]));
        var token = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: (long)TimeSpan.FromDays(40).TotalSeconds);
        var announcements = _harness.Get<ExpiryAnnouncements>();

        Assert.Equal(0, await announcements.RunAsync());
        foreach (var (days, expected) in new[] { (11, "30"), (23, "7"), (5, "1"), (2, "expired") })
        {
            _harness.Time.Advance(TimeSpan.FromDays(days) + TimeSpan.FromMinutes(1));
            Assert.Equal(1, await announcements.RunAsync());
            Assert.Equal(0, await announcements.RunAsync());
            var last = (await RaisedAsync()).Last();
            Assert.Equal(token.Token.Accessor, last.GetProperty("data").GetProperty("id").GetString());
            Assert.Equal(expected, last.GetProperty("type").GetString() == "token.expired" ? "expired"
                : last.GetProperty("data").GetProperty("days_before_expiry").GetInt32().ToString());
        }

        await using var restarted = new ServiceHarness(engine, new() { ["Enfix:Webhooks:AllowLoopback"] = "true" }, _harness.Database);
        await restarted.InitializeAsync();
        restarted.Time.SetUtcNow(_harness.Time.GetUtcNow());
        Assert.Equal(0, await restarted.Get<ExpiryAnnouncements>().RunAsync());
        Assert.Equal(4, (await RaisedAsync()).Count);
    }

    [Fact]
    public async Task AShortLivedTokenIsWarnedOnlyAtTheThresholdsItCrossesAndAnExtendedOneAfresh()
    {
        await _harness.Get<WebhookService>().CreateAsync(_harness.AdminActor, new WebhookRequest("http://127.0.0.1:9/hook", ["token.expiring"]));
        var token = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: (long)TimeSpan.FromDays(5).TotalSeconds);
        var announcements = _harness.Get<ExpiryAnnouncements>();

        Assert.Equal(0, await announcements.RunAsync());
        _harness.Time.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await announcements.RunAsync());
        Assert.Equal(1, (await RaisedAsync()).Single().GetProperty("data").GetProperty("days_before_expiry").GetInt32());

        await _harness.Get<EnfixPortal.Api.Tokens.TokenService>().ChangeAsync(_harness.AdminActor, EnfixPortal.Api.Model.TokenFamily.App, token.Token.Accessor,
            new EnfixPortal.Api.Tokens.ChangeTokenRequest(SecondsUntilExpire: (long)TimeSpan.FromDays(8).TotalSeconds));
        _harness.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await announcements.RunAsync());
        Assert.Equal(7, (await RaisedAsync()).Last().GetProperty("data").GetProperty("days_before_expiry").GetInt32());
    }

    private async Task<List<JsonElement>> RaisedAsync()
    {
        var payloads = await _harness.QueryAsync(db => db.WebhookDeliveries.OrderBy(d => d.Id).Select(d => d.Payload).ToListAsync());
        return payloads.Select(p => JsonDocument.Parse(p).RootElement).ToList();
    }
}

public sealed class ExpiryAnnouncementTestsOnSqlite() : ExpiryAnnouncementTests(Engine.Sqlite);

public sealed class ExpiryAnnouncementTestsOnPostgres() : ExpiryAnnouncementTests(Engine.Postgres);
