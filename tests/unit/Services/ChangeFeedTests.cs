using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Collections.Concurrent;

namespace EnfixPortal.Tests.Services;

/// <summary>What open pages hear: every committed change through the service layer, once, after its commit, with the
/// areas it touched; nothing for a change that was refused or rolled back.</summary>
public abstract class ChangeFeedTests(Engine engine) : IAsyncLifetime
{
    protected ServiceHarness Harness { get; } = new(engine);
    private readonly ConcurrentQueue<ChangeAreas> _heard = new();

    public async Task InitializeAsync()
    {
        await Harness.InitializeAsync();
        Harness.Get<ChangeFeed>().Changed += _heard.Enqueue;
    }

    public Task DisposeAsync() => Harness.DisposeAsync();

    private TokenService Tokens => Harness.Get<TokenService>();

    [Fact]
    public async Task ATokenCreatedIsAnnouncedOnceItIsThereToBeRead()
    {
        var seen = new ConcurrentQueue<int>();
        // A listener that reads at once finds the token: the announcement comes after the commit, not before.
        Harness.Get<ChangeFeed>().Changed += _ => seen.Enqueue(Harness.Get<TokenQueries>()
            .ListAsync(Harness.AdminActor, new TokenQuery(TokenFamily.App, Text: "announced")).GetAwaiter().GetResult().Value!.Total);

        await Tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "announced"));

        Assert.Equal([ChangeAreas.Tokens | ChangeAreas.Users | ChangeAreas.Audit], _heard);
        Assert.Equal([1], seen);
    }

    [Fact]
    public async Task ExpiringAndDeletingATokenAreAnnouncedAsTokenChanges()
    {
        var token = await Harness.CreateAppTokenAsync(Harness.AdminActor);
        _heard.Clear();

        await Tokens.ChangeAsync(Harness.AdminActor, TokenFamily.App, token.Token.Accessor, new ChangeTokenRequest(SecondsUntilExpire: -1));
        await Tokens.DeleteAsync(Harness.AdminActor, TokenFamily.App, token.Token.Accessor);

        Assert.Equal(2, _heard.Count);
        Assert.All(_heard, areas => Assert.True(areas.HasFlag(ChangeAreas.Tokens)));
    }

    [Fact]
    public async Task ABulkExpiryIsOneAnnouncementAndAUserChangeTouchesEverything()
    {
        var tokens = new[] { await Harness.CreateAppTokenAsync(Harness.AdminActor), await Harness.CreateAppTokenAsync(Harness.AdminActor) };
        var bob = await Harness.CreateUserAsync("bob");
        _heard.Clear();

        Assert.Equal(2, (await Harness.Get<TokenChanges>().ExpireAsync(Harness.AdminActor, TokenFamily.App, tokens.Select(t => t.Token.Accessor).ToList())).Value!.Changed.Count);
        await Harness.Get<UserService>().UpdateAsync(Harness.AdminActor, bob.Id, new UpdateUserRequest(DisplayName: "Bob"));

        Assert.Equal([ChangeAreas.Tokens | ChangeAreas.Users | ChangeAreas.Audit, ChangeAreas.All], _heard);
    }

    [Fact]
    public async Task AFailedSignInAppendsToTheAuditTrailOnlyAndARefusedChangeIsNotAnnounced()
    {
        await Harness.Get<PasswordSignIn>().CheckAsync(EnfixPortal.Api.Common.Actor.Cli(), "admin", "wrong-password");
        Assert.Equal([ChangeAreas.Audit], _heard);
        _heard.Clear();

        var refused = await Tokens.CreateAppTokenAsync(Harness.AdminActor, new CreateTokenRequest(Name: "bad\u0001name"));
        var duplicate = await Harness.Get<UserService>().CreateAsync(Harness.AdminActor, new CreateUserRequest("admin", "Some-Passw0rd!"));

        Assert.False(refused.Succeeded);
        Assert.False(duplicate.Succeeded);
        Assert.Empty(_heard);
    }

    [Fact]
    public async Task AWriteInsideATransactionIsAnnouncedAtItsCommitAndNeverWhenRolledBack()
    {
        var factory = Harness.Get<IDbContextFactory<EnfixDbContext>>();
        var audit = Harness.Get<AuditLog>();
        foreach (var commit in new[] { false, true })
        {
            await using var db = await factory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditEvents.Add(audit.For(Harness.AdminActor, AuditActions.UserUpdated, targetUserId: Harness.Admin.Id));
            await db.SaveChangesAsync();
            Assert.Empty(_heard);
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
        }

        Assert.Equal([ChangeAreas.All], _heard);
    }
}

public sealed class ChangeFeedTestsOnSqlite() : ChangeFeedTests(Engine.Sqlite);

public sealed class ChangeFeedTestsOnPostgres() : ChangeFeedTests(Engine.Postgres);
