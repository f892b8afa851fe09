using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>Recognises a save that failed because a request running at the same moment changed the same rows first.</summary>
public static class ConcurrentWrite
{
    private const int SqliteForeignKeyConstraint = 787;
    private const int SqliteUniqueConstraint = 2067;

    /// <summary>A row the save changes, or a row a new row points at, was deleted meanwhile: EF's concurrency failure for
    /// an update or delete, the engine's foreign-key failure for a new row (a notice or an event) that refers to it.</summary>
    public static bool RowGone(DbUpdateException ex) => ex is DbUpdateConcurrencyException || ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteForeignKeyConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary><see cref="RowGone"/>, or a row the save adds was added meanwhile by the other request (the same token
    /// announced as revoked twice): read again, and what the other request did is seen.</summary>
    public static bool RaceLost(DbUpdateException ex) => RowGone(ex) || ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteUniqueConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
