using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Mvc;

namespace EnfixPortal.Api.Endpoints;

/// <summary>The query string of <c>GET /app_tokens/</c> and <c>GET /tokens/</c>: the portal grid's filters, sort, paging and
/// count limit, read into the same <see cref="TokenQuery"/> the grid sends to <see cref="TokenQueries"/>.</summary>
/// <param name="Q">Text matched as the grid's search box matches it: part of the name, the owner's username, a hint or an accessor.</param>
/// <param name="Sort">A field, prefixed with <c>-</c> for descending order; absent: <see cref="DefaultSort"/>, newest first.</param>
public sealed record TokenListParameters(
    [FromQuery(Name = "page")] string? Page, [FromQuery(Name = "per_page")] string? PerPage, [FromQuery(Name = "user")] string? User,
    [FromQuery(Name = "scope")] string? Scope, [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "attention")] string? Attention)
{
    public const string DefaultSort = "-created_at";

    public static readonly IReadOnlyDictionary<string, TokenStatus> Statuses = new Dictionary<string, TokenStatus>
    {
        ["active"] = TokenStatus.Active, ["expired"] = TokenStatus.Expired,
    };

    public static readonly IReadOnlyDictionary<string, TokenSort> Sorts = new Dictionary<string, TokenSort>
    {
        ["created_at"] = TokenSort.CreatedAt, ["expires_at"] = TokenSort.ExpiresAt, ["last_used_at"] = TokenSort.LastUsedAt, ["name"] = TokenSort.Name,
    };

    public static readonly IReadOnlyDictionary<string, TokenAttention> Attentions = new Dictionary<string, TokenAttention>
    {
        ["expiring_7d"] = TokenAttention.ExpiringWithin7Days, ["expiring_30d"] = TokenAttention.ExpiringWithin30Days,
        ["unused_90d"] = TokenAttention.UnusedFor90Days, ["owner_deactivated"] = TokenAttention.OwnerDeactivated,
    };

    /// <summary>The query, or a 400 naming the first parameter at fault and the values it allows.</summary>
    public ApiInput<TokenQuery> Read(TokenFamily family, TokenKind? kind = null)
    {
        var paging = Paging.Parse(Page, PerPage);
        if (paging.Error is { } badPaging) return badPaging;
        if (!TryChoose(Status, Statuses, TokenStatus.Any, out var status)) return Refuse("status", Statuses.Keys);
        if (!TryChoose(Attention, Attentions, TokenAttention.None, out var attention)) return Refuse("attention", Attentions.Keys);
        var sortKey = string.IsNullOrEmpty(Sort) ? DefaultSort : Sort;
        var descending = sortKey.StartsWith('-');
        if (!Sorts.TryGetValue(descending ? sortKey[1..] : sortKey, out var sort))
            return ApiError.BadRequest("sort", $"sort must be one of {string.Join(", ", Sorts.Keys)}, each optionally prefixed with - for descending order.");
        return new TokenQuery(family, ApiUrls.Given(User), kind, status, ApiUrls.Given(Q), sort, descending, paging.Value!.Page, paging.Value.PerPage,
            TokenQueries.GridCountLimit, ApiUrls.Given(Scope), attention);
    }

    internal static ApiError Refuse(string field, IEnumerable<string> allowed) =>
        ApiError.BadRequest(field, $"{field} must be one of {string.Join(", ", allowed)}.");

    public static bool TryChoose<T>(string? given, IReadOnlyDictionary<string, T> choices, T absent, out T chosen)
    {
        chosen = absent;
        return string.IsNullOrEmpty(given) || choices.TryGetValue(given, out chosen!);
    }
}
