using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace EnfixPortal.Tests.Webhooks;

public abstract class IdleExpiryTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new()
    {
        ["Enfix:Tokens:IdleExpiry"] = "90.00:00:00",
        ["Enfix:Webhooks:AllowLoopback"] = "true",
    });

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ATokenUnusedForTheIdlePeriodIsExpiredKeptAuditedAndAnnouncedOnce()
    {
        await _harness.Get<WebhookService>().CreateAsync(_harness.AdminActor, new WebhookRequest("http://127.0.0.1:9/hook", ["token.expired"]));
        var unused = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var used = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        _harness.Time.Advance(TimeSpan.FromDays(60));
        var lastUse = _harness.Time.GetUtcNow().UtcDateTime;
        await _harness.QueryAsync(db => db.Tokens.Where(t => t.Accessor == used.Token.Accessor).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, lastUse)));
        _harness.Time.Advance(TimeSpan.FromDays(31));

        Assert.Equal(1, await _harness.Get<IdleTokenExpiry>().RunAsync());
        Assert.Equal(0, await _harness.Get<IdleTokenExpiry>().RunAsync());
        await _harness.Get<ExpiryAnnouncements>().RunAsync();

        var now = _harness.Time.GetUtcNow().UtcDateTime;
        var expiries = await _harness.QueryAsync(db => db.Tokens.Where(t => t.Kind == TokenKind.App).ToDictionaryAsync(t => t.Accessor, t => t.ExpiresAt));
        Assert.Equal(now, expiries[unused.Token.Accessor]);
        Assert.True(expiries[used.Token.Accessor] > now);
        var audited = await _harness.QueryAsync(db => db.AuditEvents.Where(a => a.Action == AuditActions.TokenIdleExpired).Select(a => a.TargetAccessor).ToListAsync());
        Assert.Equal([unused.Token.Accessor], audited);
        var payloads = await _harness.QueryAsync(db => db.WebhookDeliveries.Select(d => d.Payload).ToListAsync());
        var expired = Assert.Single(payloads.Select(p => JsonDocument.Parse(p).RootElement));
        Assert.Equal("token.expired", expired.GetProperty("type").GetString());
        Assert.Equal("idle", expired.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(unused.Token.Accessor, expired.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task WithoutTheSettingNoTokenIsExpiredForBeingIdle()
    {
        await using var off = new ServiceHarness(engine);
        await off.InitializeAsync();
        var token = await off.CreateAppTokenAsync(off.AdminActor);
        off.Time.Advance(TimeSpan.FromDays(3650));
        Assert.Equal(0, await off.Get<IdleTokenExpiry>().RunAsync());
        Assert.True(await off.QueryAsync(db => db.Tokens.AnyAsync(t => t.Accessor == token.Token.Accessor && t.ExpiresAt > off.Time.GetUtcNow().UtcDateTime)));
    }
}

public sealed class IdleExpiryTestsOnSqlite() : IdleExpiryTests(Engine.Sqlite);

public sealed class IdleExpiryTestsOnPostgres() : IdleExpiryTests(Engine.Postgres);
