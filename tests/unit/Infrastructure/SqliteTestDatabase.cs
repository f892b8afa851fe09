using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace EnfixPortal.Tests.Infrastructure;

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path { get; } = TempFiles.NewDatabasePath();
    public override Engine Engine => Engine.Sqlite;
    public override string ConnectionString => $"Data Source={Path}";

    public override bool Holds(DbConnection connection) => connection.DataSource == Path;

    /// <summary>The bytes of the database file and its write-ahead log, read while the host may still be writing.</summary>
    public override async Task<string> RawContentAsync()
    {
        var content = new StringBuilder();
        foreach (var file in new[] { "", "-wal" }.Select(s => Path + s).Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            content.Append(await reader.ReadToEndAsync());
        }
        return content.ToString();
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TempFiles.DeleteDatabase(Path);
        return ValueTask.CompletedTask;
    }
}
