using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;

namespace EnfixPortal.Tests.Api;

/// <summary>The token lists take the portal grid's filters and sort, and answer what the grid's query answers.</summary>
public abstract class TokenListApiTests(ApiFixture api)
{
    /// <summary>Each case: the query string, the query the portal's grid sends for the same choice, the names listed ("-": unnamed).</summary>
    public static TheoryData<string, TokenQuery, string> Filters() => new()
    {
        { "", Grid(), "-, staging-deploy, backup, ci-nightly, ci-deploy" },
        { "status=active", Grid() with { Status = TokenStatus.Active }, "-, staging-deploy, ci-nightly, ci-deploy" },
        { "status=expired", Grid() with { Status = TokenStatus.Expired }, "backup" },
        { "q=deploy", Grid() with { Text = "deploy" }, "staging-deploy, ci-deploy" },
        { "sort=name", Grid() with { Sort = TokenSort.Name, Descending = false }, "-, backup, ci-deploy, ci-nightly, staging-deploy" },
        { "sort=-name", Grid() with { Sort = TokenSort.Name }, "staging-deploy, ci-nightly, ci-deploy, backup, -" },
        { "sort=expires_at", Grid() with { Sort = TokenSort.ExpiresAt, Descending = false }, "backup, ci-deploy, ci-nightly, staging-deploy, -" },
        { "sort=-last_used_at", Grid() with { Sort = TokenSort.LastUsedAt }, "ci-nightly, backup, -, staging-deploy, ci-deploy" },
        { "sort=-created_at", Grid(), "-, staging-deploy, backup, ci-nightly, ci-deploy" },
        { "attention=expiring_7d", Grid() with { Attention = TokenAttention.ExpiringWithin7Days }, "ci-deploy" },
        { "attention=expiring_30d", Grid() with { Attention = TokenAttention.ExpiringWithin30Days }, "ci-nightly, ci-deploy" },
        { "attention=unused_90d", Grid() with { Attention = TokenAttention.UnusedFor90Days }, "" },
        { "status=active&q=ci-&sort=-expires_at", Grid() with { Status = TokenStatus.Active, Text = "ci-", Sort = TokenSort.ExpiresAt },
            "ci-nightly, ci-deploy" },
        { "status=expired&q=deploy", Grid() with { Status = TokenStatus.Expired, Text = "deploy" }, "" },
        { "sort=name&per_page=2&page=2", Grid() with { Sort = TokenSort.Name, Descending = false, PerPage = 2, Page = 2 }, "ci-deploy, ci-nightly" },
    };

    private const string SortRefused = "sort must be one of created_at, expires_at, last_used_at, name, each optionally prefixed with - for descending order.";

    private static TokenQuery Grid() => new(TokenFamily.App, CountLimit: TokenQueries.GridCountLimit);

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EachFilterAndSortListsWhatThePortalGridShows(string filter, TokenQuery grid, string names)
    {
        var owner = await SeedOwnerAsync();

        var listed = await api.Client.GetAsync($"/api/v1/app_tokens/?user={owner.Id}&{filter}", api.Admin);
        var shown = (await api.Get<TokenQueries>().ListAsync(api.Admin.Actor, grid with { UserId = owner.Id })).Value!;

        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(shown.Items.Select(t => t.Accessor), Accessors(listed));
        Assert.Equal(names, string.Join(", ", shown.Items.Select(t => t.Name ?? "-")));
        Assert.Equal(shown.Total.ToString(), listed.Header("X-Total-Count"));
        Assert.Equal("true", listed.Header("X-Total-Count-Exact"));
    }

    [Theory]
    [InlineData("login")]
    [InlineData("obo")]
    public async Task KindNarrowsUserTokensWithTheOtherFilters(string kind)
    {
        var owner = await api.NewCallerAsync("kinds");
        await api.Client.LogInAsync(owner.AppToken, owner.User.UserName, ApiFixture.UserPassword);
        var expected = (await api.Get<TokenQueries>().ListAsync(owner.Actor, new TokenQuery(TokenFamily.User,
            Kind: kind == "login" ? TokenKind.Login : TokenKind.Obo, Status: TokenStatus.Active, CountLimit: TokenQueries.GridCountLimit))).Value!;

        var listed = await api.Client.GetAsync($"/api/v1/tokens/?kind={kind}&status=active&sort=-created_at", owner);

        var item = Assert.Single(Assert.IsType<JsonArray>(listed.Json));
        Assert.Equal(kind, item!["kind"]!.GetValue<string>());
        Assert.Equal(expected.Items.Select(t => t.Accessor), Accessors(listed));
    }

    [Theory]
    [InlineData("/api/v1/app_tokens/?status=all", "status", "status must be one of active, expired.")]
    [InlineData("/api/v1/tokens/?status=Active", "status", "status must be one of active, expired.")]
    [InlineData("/api/v1/app_tokens/?attention=soon", "attention", "attention must be one of expiring_7d, expiring_30d, unused_90d, owner_deactivated.")]
    [InlineData("/api/v1/app_tokens/?sort=size", "sort", SortRefused)]
    [InlineData("/api/v1/tokens/?sort=-", "sort", SortRefused)]
    [InlineData("/api/v1/tokens/?sort=--name", "sort", SortRefused)]
    [InlineData("/api/v1/tokens/?kind=app", "kind", "kind must be one of login, obo.")]
    [InlineData("/api/v1/app_tokens/?q=x&page=0", "page", "page must be a whole number, 1 or more.")]
    [InlineData("/api/v1/app_tokens/?per_page=500&page=4294969", "page", "page may be at most 4294968 with per_page=500.")]
    [InlineData("/api/v1/tokens/?per_page=500&page=4294969", "page", "page may be at most 4294968 with per_page=500.")]
    [InlineData("/api/v1/users/?per_page=500&page=4294969", "page", "page may be at most 4294968 with per_page=500.")]
    public async Task ABadValueIs400NamingTheValuesAllowed(string path, string field, string message)
    {
        var refused = await api.Client.GetAsync(path, api.Admin);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(new Dictionary<string, string> { [field] = message }, refused.Errors());
    }

    [Theory]
    [InlineData("/api/v1/app_tokens/")]
    [InlineData("/api/v1/tokens/")]
    [InlineData("/api/v1/users/")]
    public async Task TheFarthestPageAllowedIsAnEmptyPage(string path)
    {
        var far = await api.Client.GetAsync(path + "?per_page=500&page=4294968", api.Admin);

        Assert.Equal(HttpStatusCode.OK, far.Status);
        Assert.Empty(Accessors(far, "id"));
    }

    [Fact]
    public async Task BelowTheCountLimitTheTotalIsExactAndTheLastPageIsLinked()
    {
        var owner = await SeedOwnerAsync();

        var listed = await api.Client.GetAsync($"/api/v1/app_tokens/?user={owner.Id}&per_page=2&status=active", api.Admin);

        Assert.Equal(("4", "true"), (listed.Header("X-Total-Count"), listed.Header("X-Total-Count-Exact")));
        Assert.Equal(["first", "next", "last"], Rels(listed).Keys);
        Assert.EndsWith("page=2", Rels(listed)["last"]);
    }

    [Fact]
    public async Task PastTheCountLimitTheTotalIsALowerBoundWithANextLinkAndNoLast()
    {
        var owner = await CreateUserAsync("many");
        await InsertAppTokensAsync(owner.Id, TokenQueries.GridCountLimit + 1);
        var path = $"/api/v1/app_tokens/?user={owner.Id}&per_page=100";

        var first = await api.Client.GetAsync(path, api.Admin);
        var fullLast = await api.Client.GetAsync(path + "&page=100", api.Admin);
        var beyond = await api.Client.GetAsync(path + "&page=101", api.Admin);

        Assert.Equal(("10000", "false"), (first.Header("X-Total-Count"), first.Header("X-Total-Count-Exact")));
        Assert.Equal(["first", "next"], Rels(first).Keys);
        Assert.EndsWith("per_page=100&page=2", Rels(first)["next"]);
        Assert.Equal(100, Accessors(fullLast).Count());
        Assert.Equal(["first", "prev", "next"], Rels(fullLast).Keys);
        Assert.Single(Accessors(beyond));
        Assert.Equal(["first", "prev"], Rels(beyond).Keys);
        Assert.EndsWith("page=100", Rels(beyond)["prev"]);
    }

    [Fact]
    public async Task TheUsersListStopsCountingAtTheSameLimit()
    {
        await InsertUsersAsync(TokenQueries.GridCountLimit + 1);

        var first = await api.Client.GetAsync("/api/v1/users/?per_page=500", api.Admin);
        var found = await api.Client.GetAsync("/api/v1/users/?q=admin", api.Admin);

        Assert.Equal(("10000", "false"), (first.Header("X-Total-Count"), first.Header("X-Total-Count-Exact")));
        Assert.Equal(["first", "next"], Rels(first).Keys);
        Assert.Equal(("1", "true"), (found.Header("X-Total-Count"), found.Header("X-Total-Count-Exact")));
        Assert.Equal(["first", "last"], Rels(found).Keys);
    }

    [Fact]
    public async Task TheApiSendsTheGridsSqlSoTheGridsPlansHoldForIt()
    {
        var owner = await SeedOwnerAsync();
        var path = $"/api/v1/app_tokens/?user={owner.Id}&status=active&q=deploy&sort=-expires_at&per_page=25";
        var grid = Grid() with { UserId = owner.Id, Status = TokenStatus.Active, Text = "deploy", Sort = TokenSort.ExpiresAt, PerPage = 25 };
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync(path, api.Admin)).Status); // the caller's pair is now cached

        var sentByGrid = await SteadyCommandsAsync(() => api.Get<TokenQueries>().ListAsync(api.Admin.Actor, grid));
        IReadOnlyList<string> sentByApi;
        using (var counter = new DatabaseCommandCounter(api.Factory.Database))
        {
            await api.Client.GetAsync(path, api.Admin);
            sentByApi = counter.Texts;
        }

        // The API's may include its caller's checks and background work: the grid's must all be there, in order.
        Assert.NotEmpty(sentByGrid);
        var found = 0;
        foreach (var text in sentByApi) if (found < sentByGrid.Count && text == sentByGrid[found]) found++;
        Assert.True(found == sentByGrid.Count, $"the API did not send the grid's command:\n{sentByGrid[Math.Min(found, sentByGrid.Count - 1)]}");
    }

    /// <summary>The commands one call sends, read until two calls in a row send the same: background work (the webhook outbox,
    /// expiry notices) may send its own meanwhile.</summary>
    private async Task<IReadOnlyList<string>> SteadyCommandsAsync(Func<Task> call)
    {
        IReadOnlyList<string> previous = [];
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var counter = new DatabaseCommandCounter(api.Factory.Database);
            await call();
            var sent = counter.Texts;
            if (attempt > 0 && sent.SequenceEqual(previous)) return sent;
            previous = sent;
        }
        throw new InvalidOperationException("Every call sent different commands.");
    }

    private static IEnumerable<string> Accessors(ApiAnswer listed, string key = "accessor") =>
        Assert.IsType<JsonArray>(listed.Json).Select(t => t![key]!.GetValue<string>());

    private static Dictionary<string, string> Rels(ApiAnswer listed) =>
        listed.Header("Link")!.Split(", ").Select(l => l.Split(">; rel=")).ToDictionary(p => p[1].Trim('"'), p => p[0].TrimStart('<'));

    private async Task<UserView> CreateUserAsync(string prefix)
    {
        var created = await api.Get<UserService>().CreateAsync(api.Admin.Actor,
            new CreateUserRequest($"{prefix}-{Guid.NewGuid():N}"[..20], ApiFixture.UserPassword));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    /// <summary>A user holding five app tokens made a minute apart, with names, lifetimes and last uses the filters tell apart.</summary>
    private async Task<UserView> SeedOwnerAsync()
    {
        var owner = await CreateUserAsync("lister");
        var actor = new Actor(owner.Id, owner.UserName, false, Door.Api, "127.0.0.1");
        var tokens = api.Get<TokenService>();
        var made = new Dictionary<string, string>();
        foreach (var (name, days) in new (string?, long)[] { ("ci-deploy", 3), ("ci-nightly", 20), ("backup", -1), ("staging-deploy", 60), (null, 100) })
        {
            api.Factory.Time.Advance(TimeSpan.FromMinutes(1));
            var created = await tokens.CreateAppTokenAsync(actor, new CreateTokenRequest(Name: name, SecondsUntilExpire: days * 86400));
            Assert.True(created.Succeeded, created.Error?.Describe());
            made[name ?? "-"] = created.Value!.Token.Accessor;
        }
        var now = api.Factory.Time.GetUtcNow().UtcDateTime;
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        await db.Tokens.Where(t => t.Accessor == made["ci-nightly"]).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now.AddHours(-1)));
        await db.Tokens.Where(t => t.Accessor == made["backup"]).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now.AddDays(-2)));
        return owner;
    }

    private async Task InsertAppTokensAsync(string userId, int count)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        var now = api.Factory.Time.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? """
            INSERT INTO "Tokens" ("Accessor", "SecretHash", "Hint", "Kind", "Family", "UserId", "CreatedAt", "ExpiresAt")
            SELECT 'eeee' || lpad(to_hex(i), 20, '0'), decode(md5({0} || i::text) || md5(i::text || {0}), 'hex'), 'beef', 0, 0, {1}, {2}, {3}
            FROM generate_series(1, {4}) AS i
            """ : """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {4})
            INSERT INTO Tokens (Accessor, SecretHash, Hint, Kind, Family, UserId, CreatedAt, ExpiresAt)
            SELECT printf('eeee%020x', i), randomblob(32), 'beef', 0, 0, {1}, {2}, {3} FROM n
            """, Guid.NewGuid().ToString("N"), userId, now.UtcTicks, now.AddDays(1).UtcTicks, count);
    }

    private async Task InsertUsersAsync(int count)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? """
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "IsActive", "CreatedAt", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT 'dddd' || lpad(to_hex(i), 20, '0'), 'bulk-' || i, 'BULK-' || i, true, {0}, false, false, false, true, 0
            FROM generate_series(1, {1}) AS i
            """ : """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {1})
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, IsActive, CreatedAt, EmailConfirmed,
                PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            SELECT printf('dddd%020x', i), 'bulk-' || i, 'BULK-' || i, 1, {0}, 0, 0, 0, 1, 0 FROM n
            """, api.Factory.Time.GetUtcNow().UtcTicks, count);
    }
}

public sealed class TokenListApiTestsOnSqlite(ApiFixture api) : TokenListApiTests(api), IClassFixture<ApiFixture>;

public sealed class TokenListApiTestsOnPostgres(PostgresApiFixture api) : TokenListApiTests(api), IClassFixture<PostgresApiFixture>;
