using EnfixPortal.Api.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed record BackupTaken(string Path, long Bytes);

/// <summary>A consistent copy of the SQLite database while the server keeps running: SQLite's online backup reads one
/// snapshot of the file (WAL included) and never blocks writers. PostgreSQL has pg_dump for that.</summary>
public sealed class DatabaseBackup(IDbContextFactory<EnfixDbContext> dbFactory)
{
    public const string UsePgDump = "The database is PostgreSQL: back it up with pg_dump (see docs/operations.md, Backups).";

    public async Task<ServiceResult<BackupTaken>> BackupAsync(string? destination, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(destination)) return ServiceError.Validation("to", "Name the backup file.");
        var path = Path.GetFullPath(destination);
        if (File.Exists(path)) return ServiceError.Validation("to", $"{path} exists already; choose a new file name.");
        if (!Directory.Exists(Path.GetDirectoryName(path))) return ServiceError.Validation("to", $"The folder of {path} does not exist.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.GetDbConnection() is not SqliteConnection source) return ServiceError.Validation("provider", UsePgDump);
        await db.Database.OpenConnectionAsync(ct);
        // Written beside the target and renamed when whole and checked: a FILE that exists is a good backup.
        var partial = path + ".partial";
        try
        {
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
                await using var check = target.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                if (await check.ExecuteScalarAsync(ct) is not "ok")
                    return ServiceError.Validation("to", "The copy failed SQLite's integrity check; nothing was kept.");
            }
            File.Move(partial, path);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return ServiceError.Validation("to", $"Cannot write {path} ({ex.Message.TrimEnd('.')}); choose a file in a folder this user may write to.");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(partial + suffix);
        }
        return new BackupTaken(path, new FileInfo(path).Length);
    }
}
