using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

public abstract class TokenCreationTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new()
    {
        ["Enfix:Tokens:AppTokenLifetime"] = "10.00:00:00",
        ["Enfix:Tokens:OboTokenLifetime"] = "02:00:00",
        ["Enfix:Tokens:UserTokenLifetime"] = "12:00:00",
    });
    private TokenService Tokens => _harness.Get<TokenService>();
    private DateTime Now => _harness.Time.GetUtcNow().UtcDateTime;

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task DefaultLifetimesComeFromSettings()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var obo = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        var user = await _harness.Get<EnfixPortal.Api.Users.UserService>().CreateAsync(_harness.AdminActor, new("carol", "Us3r-Passw0rd!"));
        var identityUser = await _harness.IdentityUserAsync(user.Value!.Id);
        var login = await Tokens.IssueLoginTokenAsync(_harness.AdminActor, identityUser, app.Token.Accessor);

        Assert.Equal(Now.AddDays(10), app.Token.ExpiresAt);
        Assert.Equal(Now.AddHours(2), obo.Token.ExpiresAt);
        Assert.Equal(Now.AddHours(12), login.Token.ExpiresAt);
        Assert.Equal(TokenKind.Login, login.Token.Kind);
        Assert.Equal(TokenKind.Obo, obo.Token.Kind);
    }

    [Fact]
    public async Task SecretsAccessorsHintsAndUserIdsHaveTheirFormats()
    {
        var created = await _harness.CreateAppTokenAsync(_harness.AdminActor);

        Assert.Matches("^[0-9a-f]{32}$", created.Secret);
        Assert.Matches("^[0-9a-f]{24}$", created.Token.Accessor);
        Assert.Equal(created.Secret[..4], created.Token.Hint);
        Assert.Matches("^[0-9a-f]{24}$", _harness.Admin.Id);
        Assert.Matches("^[0-9a-f]{24}$", (await _harness.CreateUserAsync("dave")).Id);
        Assert.NotEqual(created.Secret, (await _harness.CreateAppTokenAsync(_harness.AdminActor)).Secret);
    }

    [Fact]
    public async Task NoSecretIsWrittenAnywhereInTheDatabase()
    {
        var secrets = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            secrets.Add((await _harness.CreateAppTokenAsync(_harness.AdminActor)).Secret);
            secrets.Add((await _harness.CreateOboTokenAsync(_harness.AdminActor)).Secret);
        }
        await _harness.Get<TokenValidator>().ValidateAsync(secrets[0], secrets[1]);
        await _harness.Get<TokenUsage>().FlushAsync();

        var content = await _harness.Database.RawContentAsync();
        Assert.Contains(_harness.Admin.Id, content);
        Assert.DoesNotContain(secrets, s => content.Contains(s));
        Assert.DoesNotContain(secrets, s => content.Contains(s.ToUpperInvariant()));
        Assert.DoesNotContain(secrets, _harness.Console.ToString().Contains);
    }

    [Fact]
    public async Task OnlyTheHashIsStoredAndTheAuditNamesTheAccessor()
    {
        var created = await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var stored = await _harness.QueryAsync(db => db.Tokens.SingleAsync(t => t.Accessor == created.Token.Accessor));
        var audit = await _harness.QueryAsync(db => db.AuditEvents.SingleAsync(a => a.TargetAccessor == created.Token.Accessor));

        Assert.Equal(TokenSecrets.Hash(created.Secret), stored.SecretHash);
        Assert.Equal(AuditActions.AppTokenCreated, audit.Action);
        Assert.Equal(_harness.Admin.Id, audit.ActorId);
        Assert.Equal(Door.Api, audit.Door);
        Assert.Equal("127.0.0.1", audit.ClientAddress);
    }

    [Fact]
    public async Task MalformedUserIdGetsTheSeedMessage()
    {
        var created = await Tokens.CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest("not-an-id"));
        Assert.Equal(ServiceErrorKind.Validation, created.Error!.Kind);
        Assert.Equal("One or more IDs are not formatted correctly.", created.Error.Errors["user"]);
    }

    [Fact]
    public async Task UnknownOrDeactivatedUserCannotBeGivenATokenAndNothingIsStored()
    {
        var bob = await _harness.CreateUserAsync("bob");
        await _harness.Get<EnfixPortal.Api.Users.UserService>().UpdateAsync(_harness.AdminActor, bob.Id, new(Active: false));

        var unknown = await Tokens.CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest("52c5fc24a64c9efc0f253535"));
        var inactive = await Tokens.CreateOboTokenAsync(_harness.AdminActor, new CreateTokenRequest(bob.Id));

        Assert.Equal("user", Assert.Single(unknown.Error!.Errors).Key);
        Assert.Equal("user", Assert.Single(inactive.Error!.Errors).Key);
        Assert.Equal(0, await _harness.QueryAsync(db => db.Tokens.CountAsync()));
    }

    [Fact]
    public async Task NonAdminMayNotIssueForAnotherUserButMayForThemselves()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var bobActor = ServiceHarness.ActorFor(bob);

        var forAdmin = await Tokens.CreateOboTokenAsync(bobActor, new CreateTokenRequest(_harness.Admin.Id));
        var forSelf = await Tokens.CreateOboTokenAsync(bobActor, new CreateTokenRequest());

        Assert.Equal(ServiceErrorKind.Forbidden, forAdmin.Error!.Kind);
        Assert.Equal(bob.Id, forSelf.Value!.Token.UserId);
        Assert.Equal(bob.Id, forSelf.Value.Token.IssuedById);
    }

    [Fact]
    public async Task TokenOfAnotherUserIsNotFoundForANonAdmin()
    {
        var bob = await _harness.CreateUserAsync("bob");
        var adminToken = await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var seen = await _harness.Get<TokenQueries>().GetAsync(ServiceHarness.ActorFor(bob), TokenFamily.App, adminToken.Secret);
        var deleted = await Tokens.DeleteAsync(ServiceHarness.ActorFor(bob), TokenFamily.App, adminToken.Token.Accessor);

        Assert.Equal(ServiceErrorKind.NotFound, seen.Error!.Kind);
        Assert.Equal(ServiceErrorKind.NotFound, deleted.Error!.Kind);
        Assert.Equal(1, await _harness.QueryAsync(db => db.Tokens.CountAsync()));
    }

    [Fact]
    public async Task AnAppTokenIsNotFoundUnderUserTokensAndTheOtherWayRound()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var obo = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        var queries = _harness.Get<TokenQueries>();

        Assert.False((await queries.GetAsync(_harness.AdminActor, TokenFamily.User, app.Secret)).Succeeded);
        Assert.False((await queries.GetAsync(_harness.AdminActor, TokenFamily.App, obo.Token.Accessor)).Succeeded);
        Assert.False((await _harness.Get<TokenValidator>().ValidateAsync(obo.Secret, app.Secret)).Succeeded);
    }
}

public sealed class TokenCreationTestsOnSqlite() : TokenCreationTests(Engine.Sqlite);

public sealed class TokenCreationTestsOnPostgres() : TokenCreationTests(Engine.Postgres);
