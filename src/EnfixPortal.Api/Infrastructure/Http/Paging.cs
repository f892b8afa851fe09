using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Http;
using System.Globalization;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary><c>?page=&amp;per_page=</c> in, <c>X-Total-Count</c> and an RFC 8288 <c>Link</c> header out.</summary>
public sealed record Paging(int Page, int PerPage)
{
    public const int DefaultPerPage = 50;

    public static ApiInput<Paging> Parse(string? page, string? perPage)
    {
        var pageNumber = Number(page, 1);
        var size = Number(perPage, DefaultPerPage);
        if (pageNumber is null or < 1) return ApiError.BadRequest("page", "page must be a whole number, 1 or more.");
        if (size is null or < 1 or > TokenQueries.MaxPerPage)
            return ApiError.BadRequest("per_page", $"per_page must be a whole number from 1 to {TokenQueries.MaxPerPage}.");
        if ((long)(pageNumber.Value - 1) * size.Value > int.MaxValue)
            return ApiError.BadRequest("page", $"page may be at most {int.MaxValue / size.Value + 1} with per_page={size.Value}.");
        return new Paging(pageNumber.Value, size.Value);
    }

    /// <summary>Past a count limit the total is a lower bound: <c>X-Total-Count-Exact: false</c>, and no <c>last</c> link,
    /// since where the list ends is not known; <c>next</c> is there whenever a row follows the page.</summary>
    public static void WriteHeaders<T>(HttpContext http, Page<T> page)
    {
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Total-Count-Exact"] = page.TotalIsExact ? "true" : "false";
        int? last = page.TotalIsExact ? Math.Max(1, (page.Total + page.PerPage - 1) / page.PerPage) : null;
        var links = new List<string> { Link(http.Request, 1, page.PerPage, "first") };
        if (page.PageNumber > 1) links.Add(Link(http.Request, Math.Min(page.PageNumber - 1, last ?? int.MaxValue), page.PerPage, "prev"));
        if (page.HasNext) links.Add(Link(http.Request, page.PageNumber + 1, page.PerPage, "next"));
        if (last is { } lastPage) links.Add(Link(http.Request, lastPage, page.PerPage, "last"));
        http.Response.Headers["Link"] = string.Join(", ", links);
    }

    private static int? Number(string? text, int fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Link(HttpRequest request, int page, int perPage, string rel)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value);
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        query["per_page"] = perPage.ToString(CultureInfo.InvariantCulture);
        var url = ApiUrls.Origin(request) + request.Path.ToUriComponent() + QueryString.Create(query).ToUriComponent();
        return $"<{url}>; rel=\"{rel}\"";
    }
}
