using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

/// <summary>The queue in front of SQLite's single writer: every concurrent write lands, and no way a write can end
/// (commit, constraint failure, a transaction abandoned without commit) leaves the queue held for the next one.</summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new();
    private SqliteWriteGate Gate => _harness.Get<SqliteWriteGate>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ManyConcurrentCreationsAllLandAndLeaveTheQueueFree()
    {
        var tokens = _harness.Get<TokenService>();
        var before = await CountAppTokensAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 48).Select(_ => Task.Run(() =>
            tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest()))));

        Assert.All(created, result => Assert.Null(result.Error));
        Assert.Equal(before + 48, await CountAppTokensAsync());
        Assert.True(Gate.IsFree);
    }

    [Fact]
    public async Task AWriteRefusedByAConstraintFreesTheQueue()
    {
        var existing = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var before = await CountAppTokensAsync();
        await using (var db = await NewContextAsync())
        {
            var copy = await db.Tokens.AsNoTracking().SingleAsync(t => t.Accessor == existing.Token.Accessor);
            var fresh = await db.Tokens.AsNoTracking().SingleAsync(t => t.Accessor == existing.Token.Accessor);
            (copy.Id, fresh.Id, fresh.Accessor, fresh.SecretHash) = (0, 0, new string('a', 24), new byte[32]);
            db.Tokens.AddRange(fresh, copy);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.True(Gate.IsFree);
        Assert.Equal(before, await CountAppTokensAsync());
        Assert.Null((await _harness.Get<TokenService>().CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest())).Error);
    }

    [Fact]
    public async Task ATransactionAbandonedWithoutCommitFreesTheQueueAndWritesNothing()
    {
        var before = await CountAppTokensAsync();
        await using (var db = await NewContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.False(Gate.IsFree);
            await db.Tokens.Where(t => t.Kind == TokenKind.App).ExecuteDeleteAsync();
        }

        Assert.True(Gate.IsFree);
        Assert.Equal(before, await CountAppTokensAsync());
    }

    private Task<EnfixDbContext> NewContextAsync() => _harness.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();

    private async Task<int> CountAppTokensAsync()
    {
        await using var db = await NewContextAsync();
        return await db.Tokens.CountAsync(t => t.Kind == TokenKind.App);
    }
}
