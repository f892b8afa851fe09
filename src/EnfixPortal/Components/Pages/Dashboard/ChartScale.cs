namespace EnfixPortal.Components.Pages.Dashboard;

/// <summary>A chart axis in whole, round steps that fit the data: 0-2 counts in ones, 0-137 in 50s, never an axis of 20
/// for values of 1 or 2 (the chart's default step).</summary>
public static class ChartScale
{
    /// <summary>The smallest step of 1, 2 or 5 times a power of ten that covers <paramref name="max"/> in at most
    /// <paramref name="ticks"/> ticks.</summary>
    public static int Step(long max, int ticks)
    {
        var step = 1L;
        while (true)
        {
            foreach (var factor in new[] { 1, 2, 5 })
                if (step * factor * ticks >= max) return (int)Math.Min(int.MaxValue, step * factor);
            step *= 10;
        }
    }
}
