using System.Globalization;

namespace EnfixPortal.Api.Auditing;

/// <summary>How an audit event's detail writes what it names.</summary>
public static class AuditDetail
{
    /// <summary>A time in UTC to the second, ISO 8601, as the audit log shows and exports its own times.</summary>
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
