using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

public abstract class ExpiredTokenPurgeTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new() { ["Enfix:Tokens:ExpiredLoginTokenRetention"] = "7.00:00:00" });

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task OnlyLoginTokensExpiredLongerAgoThanTheRetentionArePurgedInBatches()
    {
        var admin = await _harness.IdentityUserAsync(_harness.Admin.Id);
        var tokens = _harness.Get<TokenService>();
        var old = new List<string>();
        for (var i = 0; i < 5; i++) old.Add((await tokens.IssueLoginTokenAsync(_harness.AdminActor, admin, null)).Token.Accessor);
        var oldApp = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: -1);
        var oldObo = await _harness.CreateOboTokenAsync(_harness.AdminActor, seconds: -1);
        _harness.Time.Advance(TimeSpan.FromDays(6));
        var recentlyExpired = await tokens.IssueLoginTokenAsync(_harness.AdminActor, admin, null);
        _harness.Time.Advance(TimeSpan.FromDays(3));
        var active = await tokens.IssueLoginTokenAsync(_harness.AdminActor, admin, null);

        var purged = await _harness.Get<ExpiredTokenPurge>().RunAsync(batchSize: 2);

        Assert.Equal(5, purged);
        var left = await _harness.QueryAsync(db => db.Tokens.Select(t => t.Accessor).ToListAsync());
        Assert.DoesNotContain(left, old.Contains);
        Assert.Contains(oldApp.Token.Accessor, left);
        Assert.Contains(oldObo.Token.Accessor, left);
        Assert.Contains(recentlyExpired.Token.Accessor, left);
        Assert.Contains(active.Token.Accessor, left);
    }
}

public sealed class ExpiredTokenPurgeTestsOnSqlite() : ExpiredTokenPurgeTests(Engine.Sqlite);

public sealed class ExpiredTokenPurgeTestsOnPostgres() : ExpiredTokenPurgeTests(Engine.Postgres);
