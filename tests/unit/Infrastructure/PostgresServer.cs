using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>The PostgreSQL server the tests use, named by ENFIX_TEST_POSTGRES (./test.sh starts one and sets it).
/// Without it, every PostgreSQL test fails with this message: a missing server must never look like a pass.</summary>
public static class PostgresServer
{
    public const string Variable = "ENFIX_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : throw new InvalidOperationException(
            $"The PostgreSQL tests need a server: set {Variable} (e.g. 'Host=127.0.0.1;Port=55432;Username=postgres;Password=...'), " +
            "or run ./test.sh, which starts a throwaway one.");

    public static string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Creates an empty database with the schema already migrated (a clone of a template migrated once per run).</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await TemplateAsync();
        var name = $"enfix_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    public static Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"enfix_template_{Guid.NewGuid():N}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            // No pooling: a template may have no open connection while it is cloned.
            var options = new DbContextOptionsBuilder<PostgresEnfixDbContext>().UseNpgsql(ConnectionStringFor(name, pooling: false)).Options;
            await using (var db = new PostgresEnfixDbContext(options)) await db.Database.MigrateAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { DropDatabaseAsync(name).GetAwaiter().GetResult(); }
                catch (InvalidOperationException) { } // the server is already gone: nothing left to drop
                catch (PostgresException) { }
            };
            return _template = name;
        }
        finally { TemplateGate.Release(); }
    }

    private static async Task ExecuteAsync(string sql)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new InvalidOperationException($"The PostgreSQL test server named by {Variable} does not answer: {ex.Message}", ex);
        }
    }
}
