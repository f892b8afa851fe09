using EnfixPortal.Api.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public static class DatabaseStartup
{
    /// <summary>Applies migrations, turns on WAL for SQLite, and runs the first-run bootstrap. Every door calls it before serving.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EnfixDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (db.Database.GetDbConnection() is SqliteConnection)
            {
                // WAL lets readers go on while one writer commits; the setting is kept in the file.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await db.Database.MigrateAsync(ct);
        }
        await DatabaseMaintenance.OptimizeAsync(factory, ct);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().RunAsync(ct);
    }
}
