using EnfixPortal.Api.Model;
using EnfixPortal.Tests.Api;
using EnfixPortal.Tests.Infrastructure;
using System.Diagnostics.Metrics;
using System.Net;

namespace EnfixPortal.Tests.Operations;

public sealed class LockoutAfterTwo() : ApiFixture(new() { ["Enfix:Lockout:MaxFailedAttempts"] = "2" });

/// <summary>The EnfixPortal meter as any standard listener reads it, fed by real API requests.</summary>
public sealed class ApiMetricsTests : IClassFixture<LockoutAfterTwo>, IDisposable
{
    private readonly LockoutAfterTwo _api;
    private readonly EnfixMeterRecorder _meter;

    public ApiMetricsTests(LockoutAfterTwo api) => (_api, _meter) = (api, new EnfixMeterRecorder(api.Get<IMeterFactory>()));

    public void Dispose() => _meter.Dispose();

    [Fact]
    public async Task ApiLoginsAndTokenChecksAreCountedByOutcome()
    {
        var user = await _api.NewCallerAsync("metered");

        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(user, ApiFixture.UserPassword)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(user, "Wrong-pass-1!")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(user, "Wrong-pass-2!")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(user, ApiFixture.UserPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.Client.GetAsync("/api/v1/me", user)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.Client.GetAsync("/api/v1/me", user)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Client.GetAsync("/api/v1/me", user with { Token = new string('0', 32) })).Status);

        Assert.Equal(["failure", "lockout", "lockout", "success"], _meter.Tags("enfix.logins").Order());
        var validations = _meter.Tags("enfix.token_validations").ToList();
        Assert.Contains("hit", validations);
        Assert.Contains("refused", validations);
    }

    private Task<ApiAnswer> LogInAsync(Caller user, string password) => _api.Client.TryLogInAsync(user.AppToken, user.User.UserName, password);
}
