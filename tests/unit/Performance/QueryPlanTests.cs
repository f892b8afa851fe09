using EnfixPortal.Api.Common;
using EnfixPortal.Api.Dashboard;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Performance;

/// <summary>Every list and grid query reads through an index and never sorts the table: SQLite's own
/// EXPLAIN QUERY PLAN for the exact SQL the service layer sends, planned with the statistics that
/// PRAGMA optimize records for a database of a million app tokens and a million user tokens.</summary>
public sealed class QueryPlanTests : IAsyncLifetime
{
    private const string MillionRowStatistics = """
        ANALYZE;
        DELETE FROM sqlite_stat1;
        INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
            ('Tokens', 'IX_Tokens_UserId_Family_CreatedAt', '2000000 2000 1000 1'),
            ('Tokens', 'IX_Tokens_SecretHash', '2000000 1'),
            ('Tokens', 'IX_Tokens_Kind_ExpiresAt', '2000000 666667 1'),
            ('Tokens', 'IX_Tokens_Kind_CreatedAt', '2000000 666667 1'),
            ('Tokens', 'IX_Tokens_Family_ExpiresAt', '2000000 1000000 1'),
            ('Tokens', 'IX_Tokens_Family_CreatedAt', '2000000 1000000 1'),
            ('Tokens', 'IX_Tokens_Accessor', '2000000 1'),
            ('Tokens', 'IX_Tokens_Family_NameKey', '2000000 1000000 2'),
            ('Tokens', 'IX_Tokens_Hint', '2000000 31'),
            ('AspNetUsers', 'sqlite_autoindex_AspNetUsers_1', '1000 1');
        """;

    private readonly ServiceHarness _harness = new();

    public async Task InitializeAsync()
    {
        await _harness.InitializeAsync();
        await using (var connection = new SqliteConnection($"{_harness.Database.ConnectionString};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = new SqliteCommand(MillionRowStatistics, connection);
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync() => _harness.DisposeAsync();

    public static TheoryData<string, TokenQuery> GridQueries() => new()
    {
        { "app tokens", new(TokenFamily.App) },
        { "user tokens", new(TokenFamily.User) },
        { "user tokens by kind", new(TokenFamily.User, Kind: TokenKind.Obo) },
        { "app tokens by owner", new(TokenFamily.App, UserId: "52c5fc24a64c9efc0f253535") },
        { "user tokens by owner", new(TokenFamily.User, UserId: "52c5fc24a64c9efc0f253535") },
        { "active app tokens", new(TokenFamily.App, Status: TokenStatus.Active) },
        { "expired user tokens", new(TokenFamily.User, Status: TokenStatus.Expired) },
        { "app tokens by expiry", new(TokenFamily.App, Sort: TokenSort.ExpiresAt, Descending: false) },
        { "user tokens by expiry", new(TokenFamily.User, Sort: TokenSort.ExpiresAt) },
        { "a later page", new(TokenFamily.App, Page: 3, PerPage: 100) },
    };

    [Theory]
    [MemberData(nameof(GridQueries))]
    public async Task GridPagesReadAnIndexInOrderWithoutSorting(string name, TokenQuery query)
    {
        var plan = await PlanAsync(db => TokenQueries.PageOf(Filter(db, query), query).Select(t => new { t, t.User!.UserName }));

        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        AssertTokensReadThroughIndex(name, plan);
    }

    [Theory]
    [MemberData(nameof(GridQueries))]
    public async Task GridTotalsCountAnIndex(string name, TokenQuery query)
    {
        var plan = await PlanAsync(db => Filter(db, query).Select(t => 1));
        AssertTokensReadThroughIndex(name, plan);
    }

    [Theory]
    [InlineData("active app tokens")]
    [InlineData("active user tokens")]
    [InlineData("expiring within 7 days")]
    public async Task DashboardCountsSearchOneIndexRangeAndStopAtTheLimit(string name)
    {
        Func<EnfixDbContext, DateTime, IQueryable<Token>> count = name switch
        {
            "active app tokens" => DashboardQueries.ActiveAppTokens,
            "active user tokens" => DashboardQueries.ActiveUserTokens,
            _ => DashboardQueries.ExpiringWithin7Days,
        };
        var plan = await PlanAsync(db => DashboardQueries.Limited(count(db, DateTime.UtcNow)));
        var sql = await _harness.QueryAsync(db => Task.FromResult(DashboardQueries.Limited(count(db, DateTime.UtcNow)).ToQueryString()));

        var tokenLines = plan.Split('\n').Where(l => l.Contains("Tokens", StringComparison.Ordinal)).ToList();
        // The (kind or family, expiry) range drives the count; the deactivated owners are a set built once, never a join
        // that would walk each owner's tokens, the expired ones included.
        Assert.True(tokenLines.Count == 1 && plan.StartsWith(tokenLines[0], StringComparison.Ordinal)
            && tokenLines[0].StartsWith("SEARCH", StringComparison.Ordinal) && tokenLines[0].Contains("ExpiresAt>?"), $"{name}: {plan}");
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ci deploy")]
    [InlineData("html")]
    [InlineData("ci")]
    [InlineData("beef")]
    [InlineData("6b0aab487fecd0")]
    public async Task ASearchWithFewMatchesReadsOnlyIndexes(string text)
    {
        var query = new TokenQuery(TokenFamily.User, Text: text);
        var page = await PlanAsync(async db => TokenQueries.PageOf(await Search(db, query, many: false), query).Select(t => new { t, t.User!.UserName }));
        var total = await PlanAsync(async db => (await Search(db, query, many: false)).Select(t => 1));

        // A handful of matches may be sorted; what must never happen is a walk over every token. Names of 3 or more
        // characters are found through the FTS5 trigram index.
        AssertTokensReadThroughIndex(text, page);
        AssertTokensReadThroughIndex(text, total);
        Assert.DoesNotMatch(@"SCAN t(\n| )", page + "\n");
        if (text.Length >= TokenTextSearch.SubstringMinLength) Assert.Contains("SCAN TokenNameSearch VIRTUAL TABLE INDEX 0:M", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("token")]
    [InlineData("ad")]
    public async Task ASearchWithManyMatchesReadsTheGridsOrderAndStopsAtThePage(string text)
    {
        var query = new TokenQuery(TokenFamily.App, Text: text);
        var page = await PlanAsync(async db => TokenQueries.PageOf(await Search(db, query, many: true), query).Select(t => new { t, t.User!.UserName }));

        Assert.DoesNotContain("TEMP B-TREE", page, StringComparison.Ordinal);
        var tokenLines = page.Split('\n').Where(l => l.Contains("Tokens", StringComparison.Ordinal)).ToList();
        Assert.True(tokenLines.Count == 1 && tokenLines[0].Contains("IX_Tokens_Family_CreatedAt (Family=?)"), $"{text}: {page}");
    }

    private static async Task<IQueryable<Token>> Search(EnfixDbContext db, TokenQuery query, bool many) =>
        (await TokenTextSearch.CreateAsync(db, query.Text!)).Apply(Filter(db, query), many);

    private static IQueryable<Token> Filter(EnfixDbContext db, TokenQuery query) =>
        TokenQueries.Filter(db, new Actor("52c5fc24a64c9efc0f253535", "admin", true, Door.Portal), query, DateTime.UtcNow);

    private static void AssertTokensReadThroughIndex(string name, string plan)
    {
        var tokenLines = plan.Split('\n').Where(l => l.Contains("Tokens", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tokenLines);
        Assert.All(tokenLines, line => Assert.True(line.Contains("INDEX", StringComparison.Ordinal), $"{name}: {plan}"));
    }

    private Task<string> PlanAsync<T>(Func<EnfixDbContext, IQueryable<T>> build) => PlanAsync(db => Task.FromResult(build(db)));

    private async Task<string> PlanAsync<T>(Func<EnfixDbContext, Task<IQueryable<T>>> build) => await _harness.QueryAsync(async db =>
    {
        await using var command = (await build(db)).CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        command.Connection = db.Database.GetDbConnection();
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join('\n', lines);
    });
}
