using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Dashboard;

public sealed record DashboardDay(DateOnly Day, int TokensIssued, int Logins);

/// <summary>A count that stops at <see cref="TokenQueries.GridCountLimit"/>: past it, <see cref="Exact"/> is false and
/// <see cref="Value"/> is the limit ("more than 10,000").</summary>
public readonly record struct LimitedCount(int Value, bool Exact)
{
    public static implicit operator LimitedCount(int exact) => new(exact, Exact: true);
}

public sealed record DashboardStats(
    LimitedCount ActiveAppTokens, LimitedCount ActiveUserTokens, LimitedCount ExpiringWithin7Days, int Logins24h, int FailedLogins24h,
    IReadOnlyList<DashboardDay> Days);

/// <summary>The dashboard's figures, each an SQL count over an index range: tokens by (Kind or Family, ExpiresAt), stopping at
/// the grids' count limit as they do; audit events by (Action, At). Tokens issued per day come from the audit trail, so deleted
/// tokens still count on the day they were made.</summary>
public sealed class DashboardQueries(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time)
{
    public const int ChartDays = 30;
    public const int CountLimit = TokenQueries.GridCountLimit;

    private static readonly string[] Issued = [AuditActions.AppTokenCreated, AuditActions.UserTokenCreated];
    private static readonly string[] Failed = [AuditActions.LoginFailed, AuditActions.LoginLockedOut, AuditActions.LoginRefused];
    private static readonly TokenFamily[] AllFamilies = [TokenFamily.App, TokenFamily.User];

    public async Task<ServiceResult<DashboardStats>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return ServiceError.Forbidden("Only an administrator may see the dashboard.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activeApp = await CountAsync(ActiveAppTokens(db, now), ct);
        var activeUser = await CountAsync(ActiveUserTokens(db, now), ct);
        var expiring = await CountAsync(ExpiringWithin7Days(db, now), ct);
        var dayAgo = now.AddDays(-1);
        var logins = await CountEventsAsync(db, [AuditActions.LoginSucceeded], dayAgo, now.AddTicks(1), ct);
        var failed = await CountEventsAsync(db, Failed, dayAgo, now.AddTicks(1), ct);

        var days = new List<DashboardDay>(ChartDays);
        var today = DateOnly.FromDateTime(now);
        for (var day = today.AddDays(1 - ChartDays); day <= today; day = day.AddDays(1))
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var end = start.AddDays(1);
            days.Add(new DashboardDay(day, await CountEventsAsync(db, Issued, start, end, ct),
                await CountEventsAsync(db, [AuditActions.LoginSucceeded], start, end, ct)));
        }
        return new DashboardStats(activeApp, activeUser, expiring, logins, failed, days);
    }

    internal static IQueryable<Token> ActiveAppTokens(EnfixDbContext db, DateTime now) =>
        OfActiveUsers(db).Where(t => t.Kind == TokenKind.App && t.ExpiresAt > now);

    internal static IQueryable<Token> ActiveUserTokens(EnfixDbContext db, DateTime now) =>
        OfActiveUsers(db).Where(t => t.Family == TokenFamily.User && t.ExpiresAt > now);

    internal static IQueryable<Token> ExpiringWithin7Days(EnfixDbContext db, DateTime now)
    {
        var soon = now.AddDays(7);
        return OfActiveUsers(db).Where(t => AllFamilies.Contains(t.Family) && t.ExpiresAt > now && t.ExpiresAt <= soon);
    }

    /// <summary>A deactivated user's tokens are suspended, not active (as on the Users page and in the API). The test is
    /// "owner not among the deactivated users" (a set SQLite builds once), not a join: a join lets the planner walk every
    /// user's tokens by owner, all the expired ones included, instead of the one (kind or family, expiry) range.</summary>
    private static IQueryable<Token> OfActiveUsers(EnfixDbContext db)
    {
        var deactivated = db.Users.Where(u => !u.IsActive).Select(u => u.Id);
        return db.Tokens.AsNoTracking().Where(t => !deactivated.Contains(t.UserId));
    }

    /// <summary>Reads at most one row past the limit: at a million tokens an exact count costs tens of milliseconds.</summary>
    internal static IQueryable<int> Limited(IQueryable<Token> tokens) => tokens.Take(CountLimit + 1).Select(t => 1);

    private static async Task<LimitedCount> CountAsync(IQueryable<Token> tokens, CancellationToken ct)
    {
        var count = await Limited(tokens).CountAsync(ct);
        return count > CountLimit ? new LimitedCount(CountLimit, Exact: false) : new LimitedCount(count, Exact: true);
    }

    private static Task<int> CountEventsAsync(EnfixDbContext db, string[] actions, DateTime from, DateTime to, CancellationToken ct) =>
        db.AuditEvents.CountAsync(a => actions.Contains(a.Action) && a.At >= from && a.At < to, ct);
}
