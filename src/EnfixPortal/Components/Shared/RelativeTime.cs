namespace EnfixPortal.Components.Shared;

/// <summary>"in 3 days", "2 hours ago": how far an instant is from now, in its largest whole unit.</summary>
public static class RelativeTime
{
    public static string Describe(DateTime at, DateTime now)
    {
        var span = at - now;
        var ahead = span > TimeSpan.Zero;
        if (span.Duration() < TimeSpan.FromMinutes(1)) return ahead ? "in less than a minute" : "just now";
        var text = Length(span.Duration());
        return ahead ? $"in {text}" : $"{text} ago";
    }

    /// <summary>A duration in its largest whole unit: "1 day", "8 hours", "200 years".</summary>
    public static string Length(TimeSpan length) =>
        length.TotalDays >= 365 ? Unit((int)Math.Round(length.TotalDays / 365.25), "year")
        : length.TotalDays >= 30 ? Unit((int)(length.TotalDays / 30), "month")
        : length.TotalDays >= 1 ? Unit((int)length.TotalDays, "day")
        : length.TotalHours >= 1 ? Unit((int)length.TotalHours, "hour")
        : Unit((int)length.TotalMinutes, "minute");

    public static string Format(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Unit(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
