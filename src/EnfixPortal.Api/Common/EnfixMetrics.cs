using System.Diagnostics.Metrics;

namespace EnfixPortal.Api.Common;

/// <summary>Counters any standard .NET metrics collector can read (meter "EnfixPortal"): sign-ins by outcome and
/// token validations by result (hit: answered from memory, miss: read from the database, refused).</summary>
public sealed class EnfixMetrics
{
    public const string MeterName = "EnfixPortal";

    private readonly Counter<long> _logins;
    private readonly Counter<long> _validations;

    public EnfixMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _logins = meter.CreateCounter<long>("enfix.logins", "{attempt}", "Sign-in attempts by outcome: success, failure, lockout, refused.");
        _validations = meter.CreateCounter<long>("enfix.token_validations", "{validation}", "Token checks by result: hit, miss, refused.");
    }

    public void LoginSucceeded() => Login("success");

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Validation(string result) => _validations.Add(1, new KeyValuePair<string, object?>("result", result));
}
