using System.Numerics;
using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Tokens;

/// <summary>Turns <c>seconds_until_expire</c> into an instant: -1 or less is now (expired, record kept);
/// anything whose instant would fall past 9999-12-31 is a validation error, never an overflow.</summary>
public static class Expiry
{
    public const string Field = "seconds_until_expire";

    public static ServiceResult<DateTime> FromSeconds(BigInteger seconds, DateTime now)
    {
        if (seconds <= 0)
            return now;
        var room = (DateTime.MaxValue - now).Ticks / TimeSpan.TicksPerSecond;
        if (seconds > room)
            return ServiceError.Validation(Field, $"seconds_until_expire is too large: the expiry would fall after 9999-12-31. Use at most {room}.");
        return now.AddTicks((long)seconds * TimeSpan.TicksPerSecond);
    }

    public static DateTime FromLifetime(TimeSpan lifetime, DateTime now) =>
        lifetime.Ticks > (DateTime.MaxValue - now).Ticks ? DateTime.MaxValue : now + lifetime;
}
