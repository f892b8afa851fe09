using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Performance;

/// <summary>PostgreSQL's own EXPLAIN for the SQL a text search sends, over 200,000 app tokens (half of them the
/// administrator's, three in four named "bench token N", one in a thousand "ci-deploy-N") and 1,000 more users,
/// planned with the statistics ANALYZE records for them.</summary>
public sealed class PostgresTextSearchPlanTests(PostgresTextSearchPlanTests.Database database) : IClassFixture<PostgresTextSearchPlanTests.Database>
{
    private ServiceHarness Harness => database.Harness;

    /// <summary>Loaded once for the class: 200,000 rows take a while to index.</summary>
    public sealed class Database : IAsyncLifetime
    {
        public ServiceHarness Harness { get; } = new(Engine.Postgres);

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            await Harness.QueryAsync(async db =>
            {
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "IsActive", "CreatedAt", "EmailConfirmed",
                        "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                    SELECT lpad(to_hex(u), 24, '0'), 'user' || u, 'USER' || u, true, 0, false, false, false, true, 0 FROM generate_series(1, 1000) u;
                    INSERT INTO "Tokens" ("Accessor", "SecretHash", "Hint", "Kind", "Family", "Name", "NameKey", "UserId", "CreatedAt", "ExpiresAt")
                    SELECT lpad(to_hex(i + 4096), 24, '0'), sha256(int8send(i)), left(md5(i::text), 4), 0, 0, n, n,
                        CASE WHEN i % 2 = 0 THEN {0} ELSE lpad(to_hex(i % 1000 + 1), 24, '0') END, i::bigint * 10000000, 700000000000000000
                    FROM (SELECT i, CASE WHEN i % 4 = 0 THEN NULL WHEN i % 1000 = 7 THEN 'ci-deploy-' || i ELSE 'bench token ' || i END AS n
                          FROM generate_series(1, 200000) i) t;
                    ANALYZE;
                    """, Harness.Admin.Id);
                return 0;
            });
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("token 12345")]
    public async Task ASearchWithFewMatchesReadsTheTrigramIndex(string text)
    {
        var plan = await PlanAsync(text, many: false);

        Assert.Contains("Bitmap Index Scan on \"IX_Tokens_NameKey_Trigram\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on \"Tokens\"", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench token")]
    [InlineData("admin")]
    public async Task ASearchWithManyMatchesReadsTheGridsOrder(string text)
    {
        var plan = await PlanAsync(text, many: true);

        Assert.Contains("Index Scan Backward using \"IX_Tokens_Family_CreatedAt\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on \"Tokens\"", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deploy", false)]
    [InlineData("bench token", true)]
    [InlineData("admin", true)]
    [InlineData("user17", false)]
    public async Task TheTokenCountsTellFewMatchesFromMany(string text, bool many)
    {
        var counted = await Harness.QueryAsync(async db =>
            await (await TokenTextSearch.CreateAsync(db, text)).MatchesManyAsync(db.Tokens.Where(t => t.Family == TokenFamily.App), CancellationToken.None));
        Assert.Equal(many, counted);
    }

    [Fact]
    public async Task ASearchWithManyMatchesListsTheNewestMatchesAndSaysMoreThanTheGridsLimit()
    {
        var actor = new Actor(Harness.Admin.Id, "admin", true, Door.Portal);
        var queries = Harness.Get<TokenQueries>();

        var named = (await queries.ListAsync(actor, new TokenQuery(TokenFamily.App, Text: "BENCH TOKEN", CountLimit: TokenQueries.GridCountLimit))).Value!;
        var owned = (await queries.ListAsync(actor, new TokenQuery(TokenFamily.App, Text: "admin", Page: 2, CountLimit: TokenQueries.GridCountLimit))).Value!;

        Assert.Equal((TokenQueries.GridCountLimit, false), (named.Total, named.TotalIsExact));
        Assert.Equal(["bench token 199999", "bench token 199998", "bench token 199997", "bench token 199995"], named.Items.Take(4).Select(t => t.Name));
        Assert.Equal(Enumerable.Range(50, 50).Select(i => 200_000 - 2 * i), owned.Items.Select(t => Convert.ToInt32(t.Accessor, 16) - 4096));
    }

    private Task<string> PlanAsync(string text, bool many) => Harness.QueryAsync(async db =>
    {
        var query = new TokenQuery(TokenFamily.App, Text: text);
        var actor = new Actor(Harness.Admin.Id, "admin", true, Door.Portal);
        var tokens = (await TokenTextSearch.CreateAsync(db, text)).Apply(TokenQueries.Filter(db, actor, query, DateTime.UtcNow), many);
        await using var command = TokenQueries.PageOf(tokens, query).Select(t => new { t, t.User!.UserName }).CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        command.Connection = db.Database.GetDbConnection();
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    });
}
