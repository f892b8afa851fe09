using EnfixPortal.Components.Shared;

namespace EnfixPortal.Tests.Portal;

/// <summary>The "in 3 days" under every time in the grids, and the lifetime names in the pickers.</summary>
public sealed class RelativeTimeTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(30 * 86400 - 1, "in 30 days")]
    [InlineData(30 * 86400, "in 30 days")]
    [InlineData(7 * 86400 - 5, "in 7 days")]
    [InlineData(8 * 3600 - 2, "in 8 hours")]
    [InlineData(90 * 86400 - 1, "in 3 months")]
    [InlineData(365 * 86400 - 1, "in 1 year")]
    [InlineData(30, "in less than a minute")]
    [InlineData(-3 * 86400 - 60, "3 days ago")]
    [InlineData(-90, "2 minutes ago")]
    public void AnInstantReadsAsItsNearestWholeUnit(long seconds, string expected) =>
        Assert.Equal(expected, RelativeTime.Describe(Now.AddSeconds(seconds), Now));

    [Fact]
    public void LifetimesAreNamedInTheirLargestUnit()
    {
        Assert.Equal("1 day", RelativeTime.Length(TimeSpan.FromDays(1)));
        Assert.Equal("30 days", RelativeTime.Length(TimeSpan.FromDays(30)));
        Assert.Equal("200 years", RelativeTime.Length(TimeSpan.FromDays(200 * 365.25)));
    }
}
