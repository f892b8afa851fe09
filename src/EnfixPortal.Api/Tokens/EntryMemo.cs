namespace EnfixPortal.Api.Tokens;

/// <summary>Values a door derives from one validation-cache entry (an answer, a principal), kept on the entry so that they
/// are dropped with it. An entry never changes: when its token or user changes, the cache drops it and loads a new one,
/// whose memo starts empty. Each kind of value has a number, taken once by its owner (<see cref="NewKind"/>, in a static
/// field). A value may be replaced at any time by another request, so each must be complete and right on its own.</summary>
public sealed class EntryMemo
{
    private static int _kinds;
    private object?[]? _values;

    public static int NewKind() => Interlocked.Increment(ref _kinds) - 1;

    public object? Get(int kind) =>
        Volatile.Read(ref _values) is { } values && kind < values.Length ? Volatile.Read(ref values[kind]) : null;

    /// <summary>Two requests storing at once may lose one of the two values; it is made again when next asked for.</summary>
    public void Set(int kind, object value)
    {
        while (true)
        {
            var values = Volatile.Read(ref _values);
            if (values is not null && kind < values.Length)
            {
                Volatile.Write(ref values[kind], value);
                return;
            }
            var larger = new object?[Math.Max(kind + 1, Volatile.Read(ref _kinds))];
            values?.CopyTo(larger, 0);
            larger[kind] = value;
            if (Interlocked.CompareExchange(ref _values, larger, values) == values) return;
        }
    }
}
