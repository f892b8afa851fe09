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

    /// <summary>A duration in its largest unit, rounded to the nearest: "1 day", "8 hours", "200 years". Rounding, not
    /// truncating, keeps a 30-day token that is a second old at "30 days" rather than "29 days".</summary>
    public static string Length(TimeSpan length)
    {
        var minutes = (long)Math.Round(length.TotalMinutes);
        if (minutes < 60) return Unit(minutes, "minute");
        var hours = (long)Math.Round(length.TotalHours);
        if (hours < 24) return Unit(hours, "hour");
        var days = (long)Math.Round(length.TotalDays);
        if (days < 45) return Unit(days, "day");
        return days < 365 ? Unit((long)Math.Round(days / 30.44), "month") : Unit((long)Math.Round(days / 365.25), "year");
    }

    public static string Format(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Unit(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
