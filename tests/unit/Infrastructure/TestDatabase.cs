using System.Data.Common;
using EnfixPortal.Api.Infrastructure.Persistence;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>The engines every service test runs on.</summary>
public enum Engine { Sqlite, Postgres }

/// <summary>A database of a test's own, made before the host starts and removed after it stops.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public static async Task<TestDatabase> CreateAsync(Engine engine) => engine switch
    {
        Engine.Postgres => await PostgresTestDatabase.CreateAsync(),
        _ => new SqliteTestDatabase(),
    };

    public abstract Engine Engine { get; }
    public abstract string ConnectionString { get; }

    /// <summary>The host settings that point at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectionStrings:Enfix", ConnectionString),
        new("Enfix:Database:Provider", Engine == Engine.Postgres ? DatabaseOptions.Postgres : DatabaseOptions.Sqlite),
    ];

    /// <summary>Whether a connection EF opened is one to this database (for counting commands).</summary>
    public abstract bool Holds(DbConnection connection);

    /// <summary>Everything the database keeps, as text, for tests that look for what must never be stored.</summary>
    public abstract Task<string> RawContentAsync();

    public abstract ValueTask DisposeAsync();
}
