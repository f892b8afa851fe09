using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace EnfixPortal.Bench;

/// <summary>The floor for creating tokens: single-row insert transactions into the same Tokens table with
/// Microsoft.Data.Sqlite and the server's pragmas (WAL, synchronous=FULL, busy_timeout).</summary>
public static class InsertRate
{
    public static int Run(Options options)
    {
        using var connection = new SqliteConnection($"Data Source={options.Text("db")}");
        connection.Open();
        using (var pragmas = new SqliteCommand("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", connection))
            pragmas.ExecuteNonQuery();
        using var owner = new SqliteCommand("SELECT Id FROM AspNetUsers LIMIT 1", connection);
        var userId = (string)owner.ExecuteScalar()!;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * options.Number("seconds", 5);
        long count = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = new SqliteCommand("""
                INSERT INTO Tokens (Accessor, SecretHash, Hint, Kind, Family, Name, UserId, CreatedAt, ExpiresAt)
                VALUES ($accessor, $hash, 'beef', 0, 0, NULL, $user, $now, $now)
                """, connection, transaction);
            insert.Parameters.AddWithValue("$accessor", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
            insert.Parameters.AddWithValue("$hash", RandomNumberGenerator.GetBytes(32));
            insert.Parameters.AddWithValue("$user", userId);
            insert.Parameters.AddWithValue("$now", DateTime.UtcNow.Ticks);
            insert.ExecuteNonQuery();
            transaction.Commit();
            count++;
        }
        Console.WriteLine($"raw_inserts_per_second {count / (double)options.Number("seconds", 5):F1}");
        return 0;
    }
}
