using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Nodes;

/// <summary>A fresh deployment: several nodes started at once on one empty database agree on one first administrator,
/// and every one of them starts (the ones that lose the race to create it find it made).</summary>
public sealed class FirstRunTests
{
    [Theory]
    [InlineData(Engine.Postgres)]
    [InlineData(Engine.Sqlite)]
    public async Task NodesStartingTogetherOnAnEmptyDatabaseAllServeWithOneAdministrator(Engine engine)
    {
        await using var database = engine == Engine.Postgres ? (TestDatabase)await PostgresTestDatabase.CreateAsync() : new SqliteTestDatabase();
        var starts = Enumerable.Range(0, 3).Select(_ => Task.Run(() => new Node(database))).ToArray();
        try
        {
            var nodes = await Task.WhenAll(starts);
            await Task.WhenAll(nodes.Select(node => node.WaitUntilReadyAsync()));

            await using var db = await nodes[0].Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
            Assert.Equal(["admin"], await db.Users.Select(u => u.UserName!).ToListAsync());
            Assert.Equal([Roles.Admin], await db.Roles.Select(r => r.Name!).ToListAsync());
            foreach (var node in nodes)
                Assert.Null((await node.Get<PasswordSignIn>().CheckAdminAsync(Actor.Cli(), "admin", Node.AdminPassword)).Error);
        }
        finally
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await (await start).DisposeAsync();
        }
    }
}
