using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace EnfixPortal.Bench;

/// <summary>Loads a database the server has already created (schema and admin) with users and tokens, fast:
/// prepared inserts in large transactions. Secrets are random and thrown away; only hashes go in, as in production.</summary>
public static class Seeder
{
    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={options.Text("db")}");
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        var userIds = await SeedUsersAsync(connection, options.Number("users", 1000));
        var now = DateTime.UtcNow;
        await SeedTokensAsync(connection, userIds, options.Number("app-tokens", 1_000_000), kinds: [0], now);
        await SeedTokensAsync(connection, userIds, options.Number("user-tokens", 1_000_000), kinds: [1, 2], now);
        await Exec(connection, "PRAGMA synchronous=FULL; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine($"seed_seconds {clock.Elapsed.TotalSeconds:F1}");
        Console.WriteLine($"db_bytes {new FileInfo(options.Text("db")).Length}");
        return 0;
    }

    private static async Task<List<string>> SeedUsersAsync(SqliteConnection connection, int count)
    {
        var template = new SqliteCommand("SELECT PasswordHash FROM AspNetUsers LIMIT 1", connection);
        var passwordHash = (string?)await template.ExecuteScalarAsync();
        var ids = new List<string>(count);
        await using var transaction = connection.BeginTransaction();
        var insert = new SqliteCommand("""
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, PasswordHash, SecurityStamp, ConcurrencyStamp, IsActive, CreatedAt,
                EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $name, upper($name), $hash, $stamp, $stamp, 1, $created, 0, 0, 0, 1, 0)
            """, connection, transaction);
        foreach (var p in new[] { "$id", "$name", "$hash", "$stamp", "$created" }) insert.Parameters.Add(new SqliteParameter(p, null));
        for (var i = 0; i < count; i++)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            ids.Add(id);
            insert.Parameters["$id"].Value = id;
            insert.Parameters["$name"].Value = $"bench{i:D6}";
            insert.Parameters["$hash"].Value = passwordHash;
            insert.Parameters["$stamp"].Value = Guid.NewGuid().ToString();
            insert.Parameters["$created"].Value = DateTime.UtcNow.Ticks;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return ids;
    }

    private static async Task SeedTokensAsync(SqliteConnection connection, List<string> userIds, int count, int[] kinds, DateTime now)
    {
        const int batch = 100_000;
        var random = new Random(42);
        for (var done = 0; done < count; done += batch)
        {
            await using var transaction = connection.BeginTransaction();
            var insert = new SqliteCommand("""
                INSERT INTO Tokens (Accessor, SecretHash, Hint, Kind, Family, Name, NameKey, UserId, IssuedById, CreatedAt, ExpiresAt)
                VALUES ($accessor, $hash, $hint, $kind, $family, $name, lower($name), $user, $issuer, $created, $expires)
                """, connection, transaction);
            foreach (var p in new[] { "$accessor", "$hash", "$hint", "$kind", "$family", "$name", "$user", "$issuer", "$created", "$expires" })
                insert.Parameters.Add(new SqliteParameter(p, null));
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                var kind = kinds[random.Next(kinds.Length)];
                var created = now.AddSeconds(-random.Next(0, 365 * 86400));
                // About one in ten expired, the rest spread over their lifetimes.
                var expires = random.Next(10) == 0 ? created.AddHours(1) : now.AddSeconds(random.Next(1, 400 * 86400));
                insert.Parameters["$accessor"].Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                insert.Parameters["$hash"].Value = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
                insert.Parameters["$hint"].Value = secret[..4];
                insert.Parameters["$kind"].Value = kind;
                insert.Parameters["$family"].Value = kind == 0 ? 0 : 1;
                insert.Parameters["$name"].Value = random.Next(4) == 0 ? DBNull.Value : $"bench token {i}";
                var user = userIds[random.Next(userIds.Count)];
                insert.Parameters["$user"].Value = user;
                insert.Parameters["$issuer"].Value = kind == 0 ? DBNull.Value : user;
                insert.Parameters["$created"].Value = created.Ticks;
                insert.Parameters["$expires"].Value = expires.Ticks;
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
