using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

/// <summary>Extend selected: one new lifetime for many tokens, each by the rules of a PATCH, the rest reported.</summary>
public abstract class TokenBulkExtendTests(Engine engine) : IAsyncLifetime
{
    private const long Day = 86_400;
    private readonly ServiceHarness _harness = new(engine);
    private TokenChanges Bulk => _harness.Get<TokenChanges>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private DateTime Now => _harness.Time.GetUtcNow().UtcDateTime;

    private Task<DateTime> ExpiryAsync(CreatedToken token) =>
        _harness.QueryAsync(db => db.Tokens.Where(t => t.Accessor == token.Token.Accessor).Select(t => t.ExpiresAt).SingleAsync());

    private Task<List<string?>> ExpiryAuditsAsync() => _harness.QueryAsync(db => db.AuditEvents
        .Where(a => a.Action == AuditActions.TokenExpiryChanged).Select(a => a.TargetAccessor).ToListAsync());

    [Fact]
    public async Task EachTokenGetsTheNewLifetimeAndItsOwnAuditEvent()
    {
        var soon = await _harness.CreateAppTokenAsync(_harness.AdminActor, Day);
        var expired = await _harness.CreateAppTokenAsync(_harness.AdminActor, -1);
        _harness.Time.Advance(TimeSpan.FromHours(1));

        var result = await Bulk.ExtendAsync(_harness.AdminActor, TokenFamily.App, [soon.Token.Accessor, expired.Token.Accessor], 30 * Day);

        Assert.True(result.Succeeded, result.Error?.Describe());
        Assert.Empty(result.Value!.Refused);
        Assert.Equal(2, result.Value.Changed.Count);
        Assert.Equal(Now.AddDays(30), await ExpiryAsync(soon));
        Assert.Equal(Now.AddDays(30), await ExpiryAsync(expired));
        Assert.Equal(new[] { expired.Token.Accessor, soon.Token.Accessor }.Order(StringComparer.Ordinal),
            (await ExpiryAuditsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TokensTheRulesRefuseAreReportedWithTheReasonAndLeftAsTheyAre()
    {
        var alice = await _harness.CreateUserAsync("alice");
        var aliceActor = ServiceHarness.ActorFor(alice);
        var hers = await _harness.CreateAppTokenAsync(aliceActor, Day);
        var later = await _harness.CreateAppTokenAsync(aliceActor, 90 * Day);
        var admins = await _harness.CreateAppTokenAsync(_harness.AdminActor, Day);
        const string unknown = "0123456789abcdef01234567";

        var result = await Bulk.ExtendAsync(aliceActor, TokenFamily.App,
            [hers.Token.Accessor, later.Token.Accessor, admins.Token.Accessor, unknown], 30 * Day);

        var extension = result.Value!;
        Assert.Equal([hers.Token.Accessor], extension.Changed.Select(t => t.Accessor));
        var refused = extension.Refused.ToDictionary(r => r.Accessor);
        Assert.Equal([later.Token.Accessor, admins.Token.Accessor, unknown], extension.Refused.Select(r => r.Accessor));
        Assert.StartsWith("It already expires later", refused[later.Token.Accessor].Reason);
        Assert.Equal(later.Token.Hint, refused[later.Token.Accessor].Hint);
        Assert.Equal("No app token has this ID.", refused[admins.Token.Accessor].Reason);
        Assert.Equal("No app token has this ID.", refused[unknown].Reason);
        Assert.Equal(Now.AddDays(90), await ExpiryAsync(later));
        Assert.Equal(Now.AddDays(1), await ExpiryAsync(admins));
        Assert.Equal([hers.Token.Accessor], await ExpiryAuditsAsync());
    }

    [Fact]
    public async Task ALifetimeBeyondTheKindsMaximumIsRefusedPerTokenAsAPatchWouldBe()
    {
        var obo = await _harness.CreateOboTokenAsync(_harness.AdminActor, 3600);

        var result = await Bulk.ExtendAsync(_harness.AdminActor, TokenFamily.User, [obo.Token.Accessor], 2 * Day);

        var refusal = Assert.Single(result.Value!.Refused);
        Assert.Contains("seconds_until_expire may be at most 86400 for OBO tokens", refusal.Reason);
        Assert.Equal(Now.AddHours(1), await ExpiryAsync(obo));
        Assert.Empty(await ExpiryAuditsAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ALifetimeThatWouldEndTheTokensIsABadRequestAndChangesNothing(long seconds)
    {
        var token = await _harness.CreateAppTokenAsync(_harness.AdminActor, Day);

        var result = await Bulk.ExtendAsync(_harness.AdminActor, TokenFamily.App, [token.Token.Accessor], seconds);

        Assert.Equal(ServiceErrorKind.Validation, result.Error!.Kind);
        Assert.Contains(Expiry.Field, result.Error.Errors.Keys);
        Assert.Equal(Now.AddDays(1), await ExpiryAsync(token));
    }
}

public sealed class TokenBulkExtendTestsOnSqlite() : TokenBulkExtendTests(Engine.Sqlite);

public sealed class TokenBulkExtendTestsOnPostgres() : TokenBulkExtendTests(Engine.Postgres);
