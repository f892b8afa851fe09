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
    private readonly List<(string Instrument, string Tag)> _measurements = [];
    private readonly MeterListener _listener = new();

    public async Task InitializeAsync()
    {
        await _harness.InitializeAsync();
        var meterFactory = _harness.Get<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EnfixMetrics.MeterName && instrument.Meter.Scope == meterFactory) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            lock (_measurements) _measurements.Add((instrument.Name, (string)tags[0].Value!));
        });
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
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

        Assert.Equal([("enfix.logins", "success"), ("enfix.logins", "failure"), ("enfix.logins", "lockout")], _measurements);
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

        Assert.Equal(["miss", "hit", "refused"], _measurements.Where(m => m.Instrument == "enfix.token_validations").Select(m => m.Tag));
    }
}

public sealed class MetricsTestsOnSqlite() : MetricsTests(Engine.Sqlite);

public sealed class MetricsTestsOnPostgres() : MetricsTests(Engine.Postgres);
