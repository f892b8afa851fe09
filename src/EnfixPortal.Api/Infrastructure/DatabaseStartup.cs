using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>Applies migrations, turns on WAL for SQLite, and runs the first-run bootstrap. Every door calls it before serving.
    /// A database that cannot be used ends in <see cref="DatabaseUnavailableException"/>, whose message says why and what to do.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EnfixDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (db.Database.GetDbConnection() is SqliteConnection sqlite) await PrepareSqliteAsync(db, sqlite, ct);
            else await MigratePostgresAsync(services, db.Database.GetConnectionString()!, ct);
        }
        await DatabaseMaintenance.OptimizeAsync(factory, ct);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>().RunAsync(ct);
    }

    private static async Task PrepareSqliteAsync(EnfixDbContext db, SqliteConnection connection, CancellationToken ct)
    {
        var path = SqliteFile.FullPath(connection.ConnectionString);
        if (path is not null && Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
            throw new DatabaseUnavailableException($"The SQLite database {path} cannot be created: the folder {folder} does not exist; " +
                $"create it, or point {DatabaseOptions.ConnectionStringKey} at a folder that exists.");
        try
        {
            // WAL lets readers go on while one writer commits; the setting is kept in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        catch (SqliteException ex)
        {
            throw new DatabaseUnavailableException($"The SQLite database {path ?? connection.DataSource} cannot be opened " +
                $"({ex.Message.TrimEnd('.')}); check that the file and its folder are readable and writable by this user, " +
                $"or change {DatabaseOptions.ConnectionStringKey}.", ex);
        }
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Waits for the server, then migrates through a context of its own that logs nothing: EF logs its expected
    /// first-run failures — opening a database the migrations are about to create, reading a history table that does not
    /// exist yet — as errors. A migration that really fails still throws.</summary>
    private static async Task MigratePostgresAsync(IServiceProvider services, string connectionString, CancellationToken ct)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var timeout = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.StartupTimeout;
        await new PostgresStartupWait(connectionString, timeout, services.GetRequiredService<TimeProvider>(),
            loggers.CreateLogger(typeof(DatabaseStartup))).WaitAsync(ct);
        var options = new DbContextOptionsBuilder<PostgresEnfixDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresEnfixDbContext(options);
        await db.Database.MigrateAsync(ct);
    }
}
