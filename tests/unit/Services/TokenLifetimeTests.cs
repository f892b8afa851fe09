using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using System.ComponentModel.DataAnnotations;

namespace EnfixPortal.Tests.Services;

/// <summary>Maximum lifetimes hold for every door, and every token says what made it.</summary>
public abstract class TokenLifetimeTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new()
    {
        ["Enfix:Tokens:MaxAppTokenLifetime"] = "30.00:00:00",
        ["Enfix:Tokens:AppTokenLifetime"] = "30.00:00:00",
        ["Enfix:Tokens:MaxOboTokenLifetime"] = "02:00:00",
        ["Enfix:Tokens:OboTokenLifetime"] = "01:00:00",
    });
    private TokenService Tokens => _harness.Get<TokenService>();
    private Actor Portal => _harness.AdminActor with { Door = Door.Portal };

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ThePortalAndTheCliAreHeldToTheMaximumLifetimesAtCreateAndAtChange()
    {
        var cliApp = await Tokens.CreateAppTokenAsync(Actor.Cli(), new CreateTokenRequest(_harness.Admin.Id, SecondsUntilExpire: 30 * 86400 + 1));
        var portalObo = await Tokens.CreateOboTokenAsync(Portal, new CreateTokenRequest(SecondsUntilExpire: 7201));
        var obo = await _harness.CreateOboTokenAsync(Portal, seconds: 7200);
        var changed = await Tokens.ChangeAsync(Portal, TokenFamily.User, obo.Token.Accessor, new ChangeTokenRequest(7201));

        Assert.Equal("seconds_until_expire may be at most 2592000 for app tokens (Enfix:Tokens:MaxAppTokenLifetime is 30.00:00:00).",
            cliApp.Error!.Errors[Expiry.Field]);
        Assert.Contains("Enfix:Tokens:MaxOboTokenLifetime", portalObo.Error!.Errors[Expiry.Field]);
        Assert.Equal(ServiceErrorKind.Validation, changed.Error!.Kind);
        var stored = await _harness.Get<TokenQueries>().GetAsync(Portal, TokenFamily.User, obo.Token.Accessor);
        Assert.Equal(obo.Token.ExpiresAt, stored.Value!.ExpiresAt);
        Assert.True((await Tokens.ChangeAsync(Portal, TokenFamily.User, obo.Token.Accessor, new ChangeTokenRequest(-1))).Succeeded);
    }

    [Fact]
    public async Task EachTokenRecordsTheDoorAndTheUserThatMadeIt()
    {
        var cli = (await Tokens.CreateAppTokenAsync(Actor.Cli(), new CreateTokenRequest(_harness.Admin.Id))).Value!;
        var portal = await _harness.CreateOboTokenAsync(Portal);
        var api = await _harness.CreateOboTokenAsync(_harness.AdminActor with { AppTokenAccessor = cli.Token.Accessor, TokenAccessor = portal.Token.Accessor });

        Assert.Equal(new TokenOrigin(Door.Cli, null, null, null), cli.Token.CreatedBy);
        Assert.Equal(new TokenOrigin(Door.Portal, _harness.Admin.Id, null, null), portal.Token.CreatedBy);
        Assert.Equal(new TokenOrigin(Door.Api, _harness.Admin.Id, cli.Token.Accessor, portal.Token.Accessor),
            (await _harness.Get<TokenQueries>().GetAsync(Portal, TokenFamily.User, api.Token.Accessor)).Value!.CreatedBy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EndingTokensSelectedInThePortalEndsTheTokensMadeWithThem(bool delete)
    {
        var bob = ServiceHarness.ActorFor(await _harness.CreateUserAsync("bob"));
        var app = await _harness.CreateAppTokenAsync(bob);
        var parent = await _harness.CreateOboTokenAsync(bob);
        var child = await _harness.CreateOboTokenAsync(bob with { AppTokenAccessor = app.Token.Accessor, TokenAccessor = parent.Token.Accessor });
        var grandchild = await _harness.CreateOboTokenAsync(bob with { AppTokenAccessor = app.Token.Accessor, TokenAccessor = child.Token.Accessor });
        var unrelated = await _harness.CreateOboTokenAsync(bob);
        var validator = _harness.Get<TokenValidator>();
        Assert.True((await validator.ValidateAsync(app.Secret, grandchild.Secret)).Succeeded);

        var bulk = _harness.Get<TokenChanges>();
        var ended = delete ? await bulk.DeleteAsync(Portal, TokenFamily.User, [parent.Token.Accessor])
            : await bulk.ExpireAsync(Portal, TokenFamily.User, [parent.Token.Accessor]);
        Assert.Single(ended.Value!.Changed);

        Assert.False((await validator.ValidateAsync(app.Secret, child.Secret)).Succeeded);
        Assert.False((await validator.ValidateAsync(app.Secret, grandchild.Secret)).Succeeded);
        Assert.True((await validator.ValidateAsync(app.Secret, unrelated.Secret)).Succeeded);
    }

    [Theory]
    [InlineData("AppTokenLifetime", "MaxAppTokenLifetime")]
    [InlineData("UserTokenLifetime", "MaxUserTokenLifetime")]
    [InlineData("OboTokenLifetime", "MaxOboTokenLifetime")]
    public void ADefaultLifetimeLongerThanItsMaximumIsABadSetting(string lifetime, string maximum)
    {
        var settings = new TokenSettings();
        typeof(TokenSettings).GetProperty(lifetime)!.SetValue(settings, TimeSpan.FromDays(100_000));

        var errors = settings.Validate(new ValidationContext(settings)).ToList();

        Assert.Contains($"Enfix:Tokens:{maximum}", Assert.Single(errors).ErrorMessage);
    }
}

public sealed class TokenLifetimeTestsOnSqlite() : TokenLifetimeTests(Engine.Sqlite);

public sealed class TokenLifetimeTestsOnPostgres() : TokenLifetimeTests(Engine.Postgres);
