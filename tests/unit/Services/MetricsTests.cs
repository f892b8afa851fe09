using System.Diagnostics.Metrics;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

public abstract class MetricsTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new() { ["Enfix:Lockout:MaxFailedAttempts"] = "2" });
    private EnfixMeterRecorder _meter = null!;

    public async Task InitializeAsync()
    {
        await _harness.InitializeAsync();
        _meter = new EnfixMeterRecorder(_harness.Get<IMeterFactory>());
    }

    public async Task DisposeAsync()
    {
        _meter.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task LoginsAreCountedBySuccessFailureAndLockout()
    {
        await _harness.CreateUserAsync("bob");
        var signIn = _harness.Get<PasswordSignIn>();
        var actor = new Actor(null, null, false, Door.Api);
        await signIn.CheckAsync(actor, "bob", "Us3r-Passw0rd!");
        await signIn.CheckAsync(actor, "bob", "wrong");
        await signIn.CheckAsync(actor, "bob", "wrong");

        Assert.Equal([("enfix.logins", "success"), ("enfix.logins", "failure"), ("enfix.logins", "lockout")], _meter.Measurements);
    }

    [Fact]
    public async Task AnApiLoginIsCountedOnceAsASuccess()
    {
        await _harness.CreateUserAsync("bob");
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var login = await _harness.Get<TokenLogin>().LogInAsync(new Actor(null, null, false, Door.Api), app.Secret, "bob", "Us3r-Passw0rd!");

        Assert.Null(login.Error);
        Assert.Equal(["success"], _meter.Tags("enfix.logins"));
    }

    [Fact]
    public async Task ANonAdminRefusedAtThePortalIsCountedAsRefused()
    {
        await _harness.CreateUserAsync("bob");
        await _harness.Get<PasswordSignIn>().CheckAdminAsync(new Actor(null, null, false, Door.Portal), "bob", "Us3r-Passw0rd!");

        Assert.Equal([("enfix.logins", "refused")], _meter.Measurements);
    }

    [Fact]
    public async Task ValidationsAreCountedAsMissHitAndRefused()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        var validator = _harness.Get<TokenValidator>();
        await validator.ValidateAsync(app.Secret, user.Secret);
        await validator.ValidateAsync(app.Secret, user.Secret);
        await validator.ValidateAsync(app.Secret, "0123456789abcdef0123456789abcdef");

        Assert.Equal(["miss", "hit", "refused"], _meter.Tags("enfix.token_validations"));
    }
}

public sealed class MetricsTestsOnSqlite() : MetricsTests(Engine.Sqlite);

public sealed class MetricsTestsOnPostgres() : MetricsTests(Engine.Postgres);
