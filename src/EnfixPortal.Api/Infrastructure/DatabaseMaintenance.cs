using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure;

/// <summary>Hourly (setting Enfix:Tokens:MaintenanceInterval): purges old login tokens, expires idle tokens (when
/// Enfix:Tokens:IdleExpiry is set) and, on SQLite, refreshes the
/// planner's statistics (PRAGMA optimize) so that grid queries keep choosing the index that avoids a sort.</summary>
public sealed class DatabaseMaintenance(ExpiredTokenPurge purge, IdleTokenExpiry idleExpiry, IDbContextFactory<EnfixDbContext> dbFactory,
    IOptions<TokenSettings> settings, ILogger<DatabaseMaintenance> logger) : BackgroundService
{
    public static async Task OptimizeAsync(IDbContextFactory<EnfixDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.GetDbConnection() is SqliteConnection)
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.MaintenanceInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var purged = await purge.RunAsync(ct: stoppingToken);
                    if (purged > 0) logger.LogInformation("Purged {Count} expired login tokens", purged);
                    var idle = await idleExpiry.RunAsync(ct: stoppingToken);
                    if (idle > 0) logger.LogInformation("Expired {Count} tokens unused for longer than Enfix:Tokens:IdleExpiry", idle);
                    await OptimizeAsync(dbFactory, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Database maintenance failed; will try again at the next interval");
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
