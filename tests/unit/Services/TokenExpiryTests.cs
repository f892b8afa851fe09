using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using System.Numerics;

namespace EnfixPortal.Tests.Services;

public abstract class TokenExpiryTests(Engine engine) : IAsyncLifetime
{
    // The year-9999 boundary lies beyond the default maximum lifetime of app tokens.
    private readonly ServiceHarness _harness = new(engine, new() { ["Enfix:Tokens:MaxAppTokenLifetime"] = "3000000.00:00:00" });
    private TokenService Tokens => _harness.Get<TokenService>();
    private TokenValidator Validator => _harness.Get<TokenValidator>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task TokenIsValidOneTickBeforeExpiresAtAndNotAtIt()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: 3600);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor, seconds: 7200);

        _harness.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.True((await Validator.ValidateAsync(app.Secret, user.Secret)).Succeeded);

        _harness.Time.Advance(TimeSpan.FromTicks(1));
        var refused = await Validator.ValidateAsync(app.Secret, user.Secret);
        Assert.Equal(ServiceErrorKind.Unauthenticated, refused.Error!.Kind);
        Assert.Contains(TokenValidator.AppTokenField, refused.Error.Errors.Keys);
    }

    [Fact]
    public async Task PatchWithMinusOneExpiresTokenButKeepsRecord()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);

        var changed = await Tokens.ChangeAsync(_harness.AdminActor, TokenFamily.User, user.Secret, new ChangeTokenRequest(-1));

        Assert.True(changed.Value!.Expired);
        Assert.False((await Validator.ValidateAsync(app.Secret, user.Secret)).Succeeded);
        var kept = await _harness.Get<TokenQueries>().GetAsync(_harness.AdminActor, TokenFamily.User, user.Token.Accessor);
        Assert.True(kept.Value!.Expired);
    }

    [Fact]
    public async Task HugeNegativeSecondsExpireNowWithoutOverflow()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var changed = await Tokens.ChangeAsync(_harness.AdminActor, TokenFamily.App, app.Token.Accessor,
            new ChangeTokenRequest(-BigInteger.Pow(10, 30)));
        Assert.Equal(_harness.Time.GetUtcNow().UtcDateTime, changed.Value!.ExpiresAt);
    }

    [Fact]
    public async Task ExpiredTokenCanBeExtendedAgain()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: -1);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        Assert.False((await Validator.ValidateAsync(app.Secret, user.Secret)).Succeeded);

        var extended = await Tokens.ChangeAsync(_harness.AdminActor, TokenFamily.App, app.Secret, new ChangeTokenRequest(60));

        Assert.False(extended.Value!.Expired);
        Assert.True((await Validator.ValidateAsync(app.Secret, user.Secret)).Succeeded);
    }

    [Theory]
    [InlineData("252423360000")]
    [InlineData("100000000000000000000000000000")]
    public async Task ExpiryPastYear9999IsAValidationErrorAndChangesNothing(string seconds)
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: 60);

        var changed = await Tokens.ChangeAsync(_harness.AdminActor, TokenFamily.App, app.Secret, new ChangeTokenRequest(BigInteger.Parse(seconds)));
        var created = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(SecondsUntilExpire: BigInteger.Parse(seconds)));

        Assert.Equal(ServiceErrorKind.Validation, changed.Error!.Kind);
        Assert.Equal(Expiry.Field, Assert.Single(changed.Error.Errors).Key);
        Assert.Equal(ServiceErrorKind.Validation, created.Error!.Kind);
        var stored = await _harness.Get<TokenQueries>().GetAsync(_harness.AdminActor, TokenFamily.App, app.Secret);
        Assert.Equal(app.Token.ExpiresAt, stored.Value!.ExpiresAt);
        Assert.Equal(1, await _harness.QueryAsync(db => Task.FromResult(db.Tokens.Count(t => t.Kind == TokenKind.App))));
    }

    [Fact]
    public async Task LargestSecondsThatFitBefore10000AreAccepted()
    {
        var now = _harness.Time.GetUtcNow().UtcDateTime;
        var room = (DateTime.MaxValue - now).Ticks / TimeSpan.TicksPerSecond;
        var created = await Tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(SecondsUntilExpire: room));
        Assert.Equal(9999, created.Value!.Token.ExpiresAt.Year);
    }
}

public sealed class TokenExpiryTestsOnSqlite() : TokenExpiryTests(Engine.Sqlite);

public sealed class TokenExpiryTestsOnPostgres() : TokenExpiryTests(Engine.Postgres);
