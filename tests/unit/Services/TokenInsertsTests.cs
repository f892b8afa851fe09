using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Security.Cryptography;

namespace EnfixPortal.Tests.Services;

/// <summary>Group commit of new tokens: creations racing each other all land, each with its audit events (a login's
/// sign-in event with its token, in order), and a row the database refuses fails only its own creation.</summary>
public abstract class TokenInsertsTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ConcurrentCreationsAllLandEachWithItsAuditEvent()
    {
        var tokens = _harness.Get<TokenService>();

        var created = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => i % 2 == 0
            ? tokens.CreateAppTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: $"app {i}"))
            : tokens.CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest(Name: $"obo {i}")))));

        var accessors = created.Select(c => c.Value!.Token.Accessor).ToList();
        await using var db = await NewContextAsync();
        Assert.Equal(64, await db.Tokens.CountAsync(t => accessors.Contains(t.Accessor)));
        Assert.Equal(64, await db.AuditEvents.CountAsync(e => accessors.Contains(e.TargetAccessor!)));
        foreach (var app in created.Select(c => c.Value!).Where(c => c.Token.Kind == TokenKind.App))
            Assert.Null((await _harness.Get<TokenValidator>().ValidateAppTokenAsync(app.Secret)).Error);
    }

    [Fact]
    public async Task ARowTheDatabaseRefusesFailsOnlyItsOwnCreation()
    {
        var inserts = _harness.Get<TokenInserts>();
        var audit = _harness.Get<AuditLog>();
        var good = Enumerable.Range(0, 8).Select(_ => NewToken(_harness.Admin.Id)).ToList();
        var orphan = NewToken(new string('0', 24));

        var writes = good.Append(orphan).Select(t => (t, inserts.AddAsync(t, [audit.For(_harness.AdminActor, AuditActions.AppTokenCreated, targetAccessor: t.Accessor)]))).ToList();

        foreach (var (token, write) in writes.Where(w => w.t != orphan)) await write;
        await Assert.ThrowsAsync<DbUpdateException>(() => writes.Single(w => w.t == orphan).Item2);
        await using var db = await NewContextAsync();
        Assert.Equal(8, await db.Tokens.CountAsync(t => good.Select(g => g.Accessor).Contains(t.Accessor)));
        Assert.False(await db.Tokens.AnyAsync(t => t.Accessor == orphan.Accessor));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.TargetAccessor == orphan.Accessor));
    }

    [Fact]
    public async Task ASignInLandsWithItsLoginTokenInOrderOrNotAtAll()
    {
        var inserts = _harness.Get<TokenInserts>();
        var audit = _harness.Get<AuditLog>();
        AuditEvent[] Events(Token token) =>
        [
            audit.For(_harness.AdminActor, AuditActions.LoginSucceeded, targetUserId: token.UserId),
            audit.For(_harness.AdminActor, AuditActions.UserTokenCreated, targetAccessor: token.Accessor, targetUserId: token.UserId),
        ];
        var good = NewToken(_harness.Admin.Id);
        var orphan = NewToken(new string('0', 24));

        await inserts.AddAsync(good, Events(good));
        await Assert.ThrowsAsync<DbUpdateException>(() => inserts.AddAsync(orphan, Events(orphan)));

        await using var db = await NewContextAsync();
        var landed = await db.AuditEvents.Where(e => e.TargetUserId == good.UserId).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.LoginSucceeded, AuditActions.UserTokenCreated], landed.TakeLast(2));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.TargetUserId == orphan.UserId));
    }

    private Task<EnfixDbContext> NewContextAsync() => _harness.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();

    private Token NewToken(string userId) => new()
    {
        Accessor = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
        SecretHash = RandomNumberGenerator.GetBytes(32),
        Hint = "abcd",
        Kind = TokenKind.App,
        Family = TokenFamily.App,
        UserId = userId,
        CreatedAt = _harness.Time.GetUtcNow().UtcDateTime,
        ExpiresAt = _harness.Time.GetUtcNow().UtcDateTime.AddDays(1),
    };
}

public sealed class TokenInsertsTestsOnSqlite() : TokenInsertsTests(Engine.Sqlite);

public sealed class TokenInsertsTestsOnPostgres() : TokenInsertsTests(Engine.Postgres);
