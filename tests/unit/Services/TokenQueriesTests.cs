using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

public abstract class TokenQueriesTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine);
    private TokenQueries Queries => _harness.Get<TokenQueries>();
    private TokenService Tokens => _harness.Get<TokenService>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ListsArePagedNewestFirstWithTheTotal()
    {
        for (var i = 0; i < 7; i++)
        {
            await _harness.Get<TokenService>().CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: $"t{i}"));
            _harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, PerPage: 3));
        var last = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, Page: 3, PerPage: 3));

        Assert.Equal(7, first.Value!.Total);
        Assert.Equal(["t6", "t5", "t4"], first.Value.Items.Select(t => t.Name));
        Assert.Equal(["t0"], last.Value!.Items.Select(t => t.Name));
    }

    [Fact]
    public async Task ACountLimitStopsCountingAndSaysTheTotalIsALowerBound()
    {
        for (var i = 0; i < 6; i++) await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var limited = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, PerPage: 2, CountLimit: 4));
        var enough = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, PerPage: 2, CountLimit: 6));

        Assert.Equal((4, false), (limited.Value!.Total, limited.Value.TotalIsExact));
        Assert.Equal((6, true), (enough.Value!.Total, enough.Value.TotalIsExact));
        Assert.Equal(2, limited.Value.Items.Count);
    }

    [Fact]
    public async Task TheWholeTokenPastedAsTextFindsIt()
    {
        var wanted = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var found = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, Text: wanted.Secret));
        var byHint = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, Text: wanted.Token.Hint));

        Assert.Equal(wanted.Token.Accessor, Assert.Single(found.Value!.Items).Accessor);
        Assert.Contains(byHint.Value!.Items, t => t.Accessor == wanted.Token.Accessor);
    }

    [Fact]
    public async Task FiltersByStatusKindOwnerAndText()
    {
        var bob = await _harness.CreateUserAsync("bob");
        await _harness.Get<TokenService>().CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest(bob.Id, "bob-ci"));
        await _harness.Get<TokenService>().CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: "old", SecondsUntilExpire: -1));
        var bobUser = await _harness.IdentityUserAsync(bob.Id);
        await _harness.Get<TokenService>().IssueLoginTokenAsync(ServiceHarness.ActorFor(bob), bobUser, null);

        async Task<string[]> Names(TokenQuery q) => (await Queries.ListAsync(_harness.AdminActor, q)).Value!.Items.Select(t => t.Name ?? t.Kind.ToString()).ToArray();

        Assert.Equal(["old"], await Names(new(TokenFamily.User, Status: TokenStatus.Expired)));
        Assert.Equal(["Login"], await Names(new(TokenFamily.User, Kind: TokenKind.Login)));
        Assert.Equal(["Login", "bob-ci"], await Names(new(TokenFamily.User, UserId: bob.Id)));
        Assert.Equal(["bob-ci"], await Names(new(TokenFamily.User, Text: "BOB-c")));
        Assert.Empty(await Names(new(TokenFamily.User, Text: "ci")));
        Assert.Empty(await Names(new(TokenFamily.User, Text: "%")));
        Assert.Empty(await Names(new(TokenFamily.App)));
    }

    [Fact]
    public async Task ANonAdminSeesOnlyTheirOwnTokensAndMayNotNameAnotherUser()
    {
        var bob = await _harness.CreateUserAsync("bob");
        await _harness.CreateOboTokenAsync(_harness.AdminActor);
        await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);
        var bobActor = ServiceHarness.ActorFor(bob);

        var own = await Queries.ListAsync(bobActor, new TokenQuery(TokenFamily.User));
        var others = await Queries.ListAsync(bobActor, new TokenQuery(TokenFamily.User, UserId: _harness.Admin.Id));

        Assert.Equal(bob.Id, Assert.Single(own.Value!.Items).UserId);
        Assert.Equal(ServiceErrorKind.Forbidden, others.Error!.Kind);
    }

    [Theory]
    [InlineData(0, 50, "page")]
    [InlineData(1, 0, "per_page")]
    [InlineData(1, 501, "per_page")]
    public async Task OutOfRangePagingIsAValidationError(int page, int perPage, string field)
    {
        var listed = await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, Page: page, PerPage: perPage));
        Assert.Equal(field, Assert.Single(listed.Error!.Errors).Key);
    }

    [Fact]
    public async Task UseIsRecordedAsLastUsedAfterAFlush()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        _harness.Time.Advance(TimeSpan.FromMinutes(3));
        await _harness.Get<TokenValidator>().ValidateAsync(app.Secret, user.Secret);

        Assert.Null((await Queries.GetAsync(_harness.AdminActor, TokenFamily.App, app.Secret)).Value!.LastUsedAt);
        await _harness.Get<TokenUsage>().FlushAsync();

        var expected = _harness.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(expected, (await Queries.GetAsync(_harness.AdminActor, TokenFamily.App, app.Secret)).Value!.LastUsedAt);
        Assert.Equal(expected, (await Queries.GetAsync(_harness.AdminActor, TokenFamily.User, user.Secret)).Value!.LastUsedAt);
    }

    [Fact]
    public async Task LastUsedIsExactToTheSecondWhateverTheNumberOfUsesInBetween()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        var validator = _harness.Get<TokenValidator>();
        var second = new DateTime(_harness.Time.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        _harness.Time.SetUtcNow(second.AddMinutes(5).AddMilliseconds(100));
        await validator.ValidateAsync(app.Secret, user.Secret);
        _harness.Time.Advance(TimeSpan.FromMilliseconds(800));
        await validator.ValidateAsync(app.Secret, user.Secret);
        _harness.Time.Advance(TimeSpan.FromMilliseconds(150));
        await validator.ValidateAsync(app.Secret, user.Secret);
        await _harness.Get<TokenUsage>().FlushAsync();

        var lastUsed = (await Queries.GetAsync(_harness.AdminActor, TokenFamily.App, app.Secret)).Value!.LastUsedAt!.Value;
        Assert.Equal(second.AddMinutes(5).AddSeconds(1), new DateTime(lastUsed.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }

    [Fact]
    public async Task TokensWithoutANameOrAUseSortFirstAscendingAndLastDescendingOnEveryEngine()
    {
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        var beta = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: "beta"));
        await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest());
        var alpha = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: "alpha"));
        foreach (var used in new[] { beta, alpha })
        {
            _harness.Time.Advance(TimeSpan.FromMinutes(1));
            await _harness.Get<TokenValidator>().ValidateAsync(used.Value!.Secret, user.Secret);
        }
        await _harness.Get<TokenUsage>().FlushAsync();

        async Task<string[]> Names(TokenSort sort, bool descending) =>
            (await Queries.ListAsync(_harness.AdminActor, new TokenQuery(TokenFamily.App, Sort: sort, Descending: descending))).Value!
                .Items.Select(t => t.Name ?? "-").ToArray();

        Assert.Equal(["-", "beta", "alpha"], await Names(TokenSort.LastUsedAt, descending: false));
        Assert.Equal(["alpha", "beta", "-"], await Names(TokenSort.LastUsedAt, descending: true));
        Assert.Equal(["-", "alpha", "beta"], await Names(TokenSort.Name, descending: false));
        Assert.Equal(["beta", "alpha", "-"], await Names(TokenSort.Name, descending: true));
    }
}

public sealed class TokenQueriesTestsOnSqlite() : TokenQueriesTests(Engine.Sqlite);

public sealed class TokenQueriesTestsOnPostgres() : TokenQueriesTests(Engine.Postgres);
