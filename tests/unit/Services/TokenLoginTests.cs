using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

public abstract class TokenLoginTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine);
    private TokenLogin Login => _harness.Get<TokenLogin>();
    private static readonly Actor FromTheApi = new(null, null, false, Door.Api, "192.0.2.7");

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task RightPasswordAndLiveAppTokenIssueALoginTokenRecordingTheAppToken()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var login = await Login.LogInAsync(FromTheApi, app.Secret, "admin", ServiceHarness.AdminPassword);

        Assert.True(login.Succeeded, login.Error?.Describe());
        Assert.Equal(TokenKind.Login, login.Value!.Token.Kind);
        Assert.Equal(_harness.Admin.Id, login.Value.Token.IssuedById);
        var stored = await _harness.QueryAsync(db => Task.FromResult(db.Tokens.Single(t => t.Accessor == login.Value.Token.Accessor)));
        Assert.Equal(app.Token.Accessor, stored.LoginAppTokenAccessor);
        Assert.True((await _harness.Get<TokenValidator>().ValidateAsync(app.Secret, login.Value.Secret)).Succeeded);
    }

    [Fact]
    public async Task ExpiredAppTokenIsRefusedBeforeThePasswordIsChecked()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor, seconds: -1);

        var login = await Login.LogInAsync(FromTheApi, app.Secret, "admin", "Wr0ng-password!");

        Assert.Equal(ServiceErrorKind.Unauthenticated, login.Error!.Kind);
        Assert.Equal([TokenValidator.AppTokenField], login.Error.Errors.Keys);
        var failures = await _harness.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "admin").AccessFailedCount));
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedOnCredentials()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var login = await Login.LogInAsync(FromTheApi, app.Secret, "admin", "Wr0ng-password!");

        Assert.Equal(["credentials"], login.Error!.Errors.Keys);
    }
}

public sealed class TokenLoginTestsOnSqlite() : TokenLoginTests(Engine.Sqlite);

public sealed class TokenLoginTestsOnPostgres() : TokenLoginTests(Engine.Postgres);
