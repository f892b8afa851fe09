using Microsoft.Data.Sqlite;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>Where a SQLite connection string's file is. A relative <c>Data Source</c> is relative to the current directory
/// (SQLite's own rule, and the one <c>backup --to</c> follows).</summary>
public static class SqliteFile
{
    /// <summary>The file's absolute path; null for an in-memory database.</summary>
    public static string? FullPath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        var source = builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? null : builder.DataSource;
        return source is null ? null : Path.GetFullPath(source);
    }
}
