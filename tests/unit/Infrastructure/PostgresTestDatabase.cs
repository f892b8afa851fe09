using System.Data.Common;
using System.Text;
using Npgsql;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>A fresh PostgreSQL database on the test server, cloned from an already migrated template, dropped after.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresTestDatabase(string name) => Name = name;

    public string Name { get; }
    public override Engine Engine => Engine.Postgres;
    public override string ConnectionString => PostgresServer.ConnectionStringFor(Name);

    public static async Task<PostgresTestDatabase> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());

    public override bool Holds(DbConnection connection) => connection.Database == Name;

    /// <summary>Every row of every table, in PostgreSQL's text form (bytea as hex).</summary>
    public override async Task<string> RawContentAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var content = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
            content.AppendLine((string)(await dump.ExecuteScalarAsync())!);
        }
        return content.ToString();
    }

    public override async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(Name);
}
