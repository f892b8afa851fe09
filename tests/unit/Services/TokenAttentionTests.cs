using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

/// <summary>The grids' "needs attention" filters, applied in SQL by <see cref="TokenQueries"/>.</summary>
public abstract class TokenAttentionTests(Engine engine) : IAsyncLifetime
{
    private const long Day = 86_400;
    private readonly ServiceHarness _harness = new(engine);
    private TokenService Tokens => _harness.Get<TokenService>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private async Task NamedAsync(string name, long seconds, UserView? owner = null) =>
        await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(owner?.Id, name, seconds));

    private async Task<string[]> NamesAsync(TokenAttention attention, TokenFamily family = TokenFamily.App) =>
        (await _harness.Get<TokenQueries>().ListAsync(_harness.AdminActor,
            new TokenQuery(family, Sort: TokenSort.Name, Descending: false, Attention: attention))).Value!.Items.Select(t => t.Name!).ToArray();

    [Fact]
    public async Task ExpiringFiltersKeepValidTokensExpiringWithinTheirWindow()
    {
        await NamedAsync("a-expired", Day);
        await NamedAsync("b-in-3-days", 4 * Day);
        await NamedAsync("c-in-7-days", 8 * Day);
        await NamedAsync("d-in-20-days", 21 * Day);
        await NamedAsync("e-in-60-days", 61 * Day);
        _harness.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(["b-in-3-days", "c-in-7-days"], await NamesAsync(TokenAttention.ExpiringWithin7Days));
        Assert.Equal(["b-in-3-days", "c-in-7-days", "d-in-20-days"], await NamesAsync(TokenAttention.ExpiringWithin30Days));
        Assert.Equal(5, (await NamesAsync(TokenAttention.None)).Length);
    }

    [Fact]
    public async Task UnusedFor90DaysCountsANeverUsedTokenFromItsCreation()
    {
        await NamedAsync("old-never-used", 400 * Day);
        var oldUsedLongAgo = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: "old-used-long-ago", SecondsUntilExpire: 400 * Day));
        var oldUsedLately = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: "old-used-lately", SecondsUntilExpire: 400 * Day));
        var usage = _harness.Get<TokenUsage>();
        usage.Record(oldUsedLongAgo.Value!.Token.Accessor, _harness.Time.GetUtcNow().UtcDateTime.AddDays(1));
        await usage.FlushAsync();
        _harness.Time.Advance(TimeSpan.FromDays(60));
        await NamedAsync("new-never-used", 400 * Day);
        _harness.Time.Advance(TimeSpan.FromDays(40));
        usage.Record(oldUsedLately.Value!.Token.Accessor, _harness.Time.GetUtcNow().UtcDateTime);
        await usage.FlushAsync();

        Assert.Equal(["old-never-used", "old-used-long-ago"], await NamesAsync(TokenAttention.UnusedFor90Days));
    }

    [Fact]
    public async Task OwnerDeactivatedShowsOnlyTokensOfDeactivatedUsers()
    {
        var ivan = await _harness.CreateUserAsync("ivan");
        var jane = await _harness.CreateUserAsync("jane");
        await NamedAsync("ivans", Day, ivan);
        await NamedAsync("janes", Day, jane);
        await Tokens.CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest(ivan.Id, "ivans-obo", Day));
        await _harness.Get<UserService>().UpdateAsync(_harness.AdminActor, ivan.Id, new UpdateUserRequest(Active: false));

        Assert.Equal(["ivans"], await NamesAsync(TokenAttention.OwnerDeactivated));
        Assert.Equal(["ivans-obo"], await NamesAsync(TokenAttention.OwnerDeactivated, TokenFamily.User));
    }
}

public sealed class TokenAttentionTestsOnSqlite() : TokenAttentionTests(Engine.Sqlite);

public sealed class TokenAttentionTestsOnPostgres() : TokenAttentionTests(Engine.Postgres);
