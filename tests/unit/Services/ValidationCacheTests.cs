using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

public abstract class ValidationCacheTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new() { ["Enfix:Tokens:ValidationCacheSize"] = "20" });
    private TokenValidator Validator => _harness.Get<TokenValidator>();
    private CreatedToken _app = null!;
    private CreatedToken _user = null!;

    public async Task InitializeAsync()
    {
        await _harness.InitializeAsync();
        _app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        _user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
    }

    public Task DisposeAsync() => _harness.DisposeAsync();

    /// <summary>The hashes of one client connection's last pair, as the API's check keeps them: every check here goes
    /// through them, so each revocation below is also seen by a connection that sent the same pair before.</summary>
    private readonly ConnectionTokenHashes _connection = new();

    private async Task<bool> ValidAsync(CreatedToken? app = null, CreatedToken? user = null) =>
        (await Validator.ValidateAsync((app ?? _app).Secret, (user ?? _user).Secret, _connection, TokenClient.Unknown, default)).Succeeded;

    [Fact]
    public async Task AWarmCheckSendsNoSqlAtAll()
    {
        Assert.True(await ValidAsync());
        using var counter = new DatabaseCommandCounter(_harness.Database);

        for (var i = 0; i < 100; i++) Assert.True(await ValidAsync());

        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task AnUnknownTokenSentAgainAndAgainIsLookedUpOnce()
    {
        var unknown = new string('a', TokenSecrets.SecretLength);
        using var counter = new DatabaseCommandCounter(_harness.Database);
        Assert.False((await Validator.ValidateAsync(_app.Secret, unknown, default)).Succeeded);
        var first = counter.Count;

        for (var i = 0; i < 100; i++) Assert.False((await Validator.ValidateAsync(_app.Secret, unknown, default)).Succeeded);

        Assert.True(first > 0);
        Assert.Equal(first, counter.Count);
        Assert.True(await ValidAsync());
    }

    [Fact]
    public async Task AColdCheckReadsTheDatabase()
    {
        using var counter = new DatabaseCommandCounter(_harness.Database);
        Assert.True(await ValidAsync());
        Assert.True(counter.Count > 0);
    }

    [Fact]
    public async Task ExpiringAWarmTokenRefusesItOnTheVeryNextCheck()
    {
        Assert.True(await ValidAsync());
        await _harness.Get<TokenService>().ChangeAsync(_harness.AdminActor, TokenFamily.App, _app.Secret, new ChangeTokenRequest(-1));
        Assert.False(await ValidAsync());
    }

    [Fact]
    public async Task DeletingAWarmTokenRefusesItOnTheVeryNextCheck()
    {
        Assert.True(await ValidAsync());
        await _harness.Get<TokenService>().DeleteAsync(_harness.AdminActor, TokenFamily.User, _user.Token.Accessor);
        Assert.False(await ValidAsync());
    }

    [Fact]
    public async Task ExpiringSeveralAtOnceRefusesThemOnTheVeryNextCheck()
    {
        Assert.True(await ValidAsync());
        await _harness.Get<TokenChanges>().ExpireAsync(_harness.AdminActor, TokenFamily.User, [_user.Token.Accessor]);
        Assert.False(await ValidAsync());
    }

    [Fact]
    public async Task DeactivatingOrRevokingAllOfAWarmUserRefusesOnTheVeryNextCheck()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var bobToken = await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);
        var users = _harness.Get<UserService>();
        Assert.True(await ValidAsync(user: bobToken));

        await users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: false));
        Assert.False(await ValidAsync(user: bobToken));

        await users.UpdateAsync(_harness.AdminActor, bob.Id, new(Active: true));
        Assert.True(await ValidAsync(user: bobToken));
        await users.RevokeAllTokensAsync(_harness.AdminActor, bob.Id);
        Assert.False(await ValidAsync(user: bobToken));
    }

    [Fact]
    public async Task APasswordResetRefusesAWarmLoginTokenOnTheVeryNextCheck()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var login = await _harness.Get<TokenService>().IssueLoginTokenAsync(_harness.AdminActor, await _harness.IdentityUserAsync(bob.Id), null);
        Assert.True(await ValidAsync(user: login));

        await _harness.Get<UserService>().UpdateAsync(_harness.AdminActor, bob.Id, new(Password: "N3w-Passw0rd!"));

        Assert.False(await ValidAsync(user: login));
    }

    [Fact]
    public async Task AChangeMadeBehindTheServiceLayersBackIsSeenOnceTheCacheLifetimeEnds()
    {
        Assert.True(await ValidAsync());
        await _harness.QueryAsync(db => db.Tokens.Where(t => t.Accessor == _app.Token.Accessor)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UnixEpoch)));

        Assert.True(await ValidAsync());
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await ValidAsync());
    }

    [Fact]
    public async Task MemoryStaysBoundedWhateverTheNumberOfTokens()
    {
        for (var i = 0; i < 60; i++)
            Assert.True(await ValidAsync(user: await _harness.CreateOboTokenAsync(_harness.AdminActor)));

        Assert.InRange(_harness.Get<ValidationCache>().Count, 1, 20);
        Assert.True(await ValidAsync());
    }
}

public sealed class ValidationCacheTestsOnSqlite() : ValidationCacheTests(Engine.Sqlite);

public sealed class ValidationCacheTestsOnPostgres() : ValidationCacheTests(Engine.Postgres);
