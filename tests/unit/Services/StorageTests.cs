using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

/// <summary>What each engine must look like underneath; everything above it is tested on both.</summary>
public sealed class StorageTests
{
    [Fact]
    public async Task SqliteIsMigratedAndRunsInWalMode()
    {
        await using var harness = await BootstrapTests.StartAsync(new ServiceHarness(Engine.Sqlite));
        var journal = await ScalarAsync(harness, "PRAGMA journal_mode;");

        Assert.Equal("wal", journal);
        Assert.IsType<SqliteEnfixDbContext>(await harness.QueryAsync(db => Task.FromResult(db)));
        Assert.NotEmpty(await harness.QueryAsync(db => db.Database.GetAppliedMigrationsAsync()));
    }

    [Fact]
    public async Task PostgresIsMigratedWithItsOwnMigrationsAndKeepsInstantsAsTicks()
    {
        await using var harness = await BootstrapTests.StartAsync(new ServiceHarness(Engine.Postgres));
        var expiresType = await ScalarAsync(harness,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'Tokens' AND column_name = 'ExpiresAt'");

        Assert.Equal("bigint", expiresType);
        Assert.IsType<PostgresEnfixDbContext>(await harness.QueryAsync(db => Task.FromResult(db)));
        Assert.Equal(await harness.QueryAsync(db => Task.FromResult(db.Database.GetMigrations().ToList())),
            await harness.QueryAsync(db => db.Database.GetAppliedMigrationsAsync()));
    }

    private static Task<string> ScalarAsync(ServiceHarness harness, string sql) => harness.QueryAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    });
}
