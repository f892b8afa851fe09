using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Operations;

/// <summary>The portal's multi-select racing single deletes and other multi-selects on the same tokens.</summary>
public sealed class BulkConcurrencyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task BulkDeletesAndExpiriesRacingOnTheSameTokensNeverFailAndDeleteEachOnce(int round)
    {
        var owner = await api.NewCallerAsync($"bulk{round}");
        var tokens = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.NewTokenAsync(owner, TokenFamily.User)));
        var accessors = tokens.Select(t => t.Token.Accessor).ToList();
        var bulk = api.Get<TokenChanges>();
        var single = api.Get<TokenService>();

        var bulks = Enumerable.Range(0, 16).Select(i => Task.Run(() => i % 2 == 0 ? bulk.DeleteAsync(owner.Actor, TokenFamily.User, accessors) : bulk.ExpireAsync(owner.Actor, TokenFamily.User, accessors)));
        var singles = accessors.Select(a => (Task)Task.Run(() => single.DeleteAsync(owner.Actor, TokenFamily.User, a)));
        await Task.WhenAll(bulks.Cast<Task>().Concat(singles));

        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Tokens.AnyAsync(t => accessors.Contains(t.Accessor)));
        var deletions = await db.AuditEvents.Where(e => e.Action == AuditActions.TokenDeleted && accessors.Contains(e.TargetAccessor!))
            .GroupBy(e => e.TargetAccessor).Select(g => g.Count()).ToListAsync();
        Assert.Equal(Enumerable.Repeat(1, accessors.Count), deletions);
    }
}
