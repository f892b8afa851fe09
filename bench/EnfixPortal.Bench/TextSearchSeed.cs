namespace EnfixPortal.Bench;

/// <summary>The SQL that loads the text-search benchmark's database. Parameters: {0} tokens, {1} the admin's ID, {2} now
/// in ticks. Users are "bench000000" to "bench000999"; every other token is the admin's.</summary>
internal static class TextSearchSeed
{
    public static readonly string[] Sqlite =
    [
        """
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
        INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, SecurityStamp, IsActive, CreatedAt,
            EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
        SELECT printf('%024x', 1000000000 + i), printf('bench%06d', i), printf('BENCH%06d', i), hex(randomblob(8)), 1, {2}, 0, 0, 0, 1, 0 FROM n
        """,
        """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0}),
        named AS (SELECT i, CASE WHEN i % 4 = 0 THEN NULL WHEN i % 1000 = 7 THEN 'ci-deploy-' || i ELSE 'bench token ' || i END AS name FROM n)
        INSERT INTO Tokens (Accessor, SecretHash, Hint, Kind, Family, Name, NameKey, UserId, CreatedAt, ExpiresAt)
        SELECT printf('%024x', i), randomblob(32), lower(hex(randomblob(2))), 0, 0, name, lower(name),
            CASE WHEN i % 2 = 0 THEN {1} ELSE printf('%024x', 1000000000 + i % 1000) END, {2} - i * 10000000, {2} + 864000000000 FROM named
        """,
        "ANALYZE",
    ];

    public static readonly string[] Postgres =
    [
        """
        INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "SecurityStamp", "IsActive", "CreatedAt",
            "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
        SELECT lpad(to_hex(1000000000 + i), 24, '0'), 'bench' || lpad(i::text, 6, '0'), 'BENCH' || lpad(i::text, 6, '0'), md5(i::text),
            true, {2}, false, false, false, true, 0 FROM generate_series(0, 999) i
        """,
        """
        INSERT INTO "Tokens" ("Accessor", "SecretHash", "Hint", "Kind", "Family", "Name", "NameKey", "UserId", "CreatedAt", "ExpiresAt")
        SELECT lpad(to_hex(i), 24, '0'), sha256(int8send(i)), left(md5(i::text), 4), 0, 0, name, lower(name),
            CASE WHEN i % 2 = 0 THEN {1} ELSE lpad(to_hex(1000000000 + i % 1000), 24, '0') END, {2} - i::bigint * 10000000, {2} + 864000000000
        FROM (SELECT i, CASE WHEN i % 4 = 0 THEN NULL WHEN i % 1000 = 7 THEN 'ci-deploy-' || i ELSE 'bench token ' || i END AS name
              FROM generate_series(1, {0}) i) named
        """,
        "ANALYZE",
    ];
}
