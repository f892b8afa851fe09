namespace EnfixPortal.Api.Common;

/// <summary>When <see cref="TotalIsExact"/> is false there are more than <see cref="Total"/> matches (a count limit was reached).</summary>
/// <param name="NextPage">Whether a page follows this one, as read past the page's last row; null: known from an exact total.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PerPage, bool TotalIsExact = true, bool? NextPage = null)
{
    public bool HasNext => NextPage ?? (long)PageNumber * PerPage < Total;

    /// <summary>A page read with one row more than it shows (<see cref="PerPage"/> + 1), which tells whether another follows;
    /// <paramref name="counted"/> stops at <paramref name="countLimit"/> + 1 when a limit is given.</summary>
    public static Page<T> Read(List<T> rows, int counted, int pageNumber, int perPage, int? countLimit)
    {
        var next = rows.Count > perPage;
        if (next) rows.RemoveAt(perPage);
        var exact = countLimit is not { } limit || counted <= limit;
        return new Page<T>(rows, exact ? counted : countLimit!.Value, pageNumber, perPage, exact, next);
    }
}
