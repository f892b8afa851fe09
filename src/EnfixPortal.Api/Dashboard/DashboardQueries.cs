using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Dashboard;

public sealed record DashboardDay(DateOnly Day, int TokensIssued, int Logins);

public sealed record DashboardStats(
    int ActiveAppTokens, int ActiveUserTokens, int ExpiringWithin7Days, int Logins24h, int FailedLogins24h, IReadOnlyList<DashboardDay> Days);

/// <summary>The dashboard's figures, each an SQL count over an index: tokens by (Kind, ExpiresAt), audit events by
/// (Action, At). Tokens issued per day come from the audit trail, so deleted tokens still count on the day they were made.</summary>
public sealed class DashboardQueries(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time)
{
    public const int ChartDays = 30;

    private static readonly string[] Issued = [AuditActions.AppTokenCreated, AuditActions.UserTokenCreated];
    private static readonly string[] Failed = [AuditActions.LoginFailed, AuditActions.LoginLockedOut, AuditActions.LoginRefused];
    private static readonly TokenKind[] UserKinds = [TokenKind.Login, TokenKind.Obo];
    private static readonly TokenKind[] AllKinds = [TokenKind.App, TokenKind.Login, TokenKind.Obo];

    public async Task<ServiceResult<DashboardStats>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return ServiceError.Forbidden("Only an administrator may see the dashboard.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = db.Tokens.AsNoTracking();
        var activeApp = await tokens.CountAsync(t => t.Kind == TokenKind.App && t.ExpiresAt > now, ct);
        var activeUser = await tokens.CountAsync(t => UserKinds.Contains(t.Kind) && t.ExpiresAt > now, ct);
        var soon = now.AddDays(7);
        var expiring = await tokens.CountAsync(t => AllKinds.Contains(t.Kind) && t.ExpiresAt > now && t.ExpiresAt <= soon, ct);
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

    private static Task<int> CountEventsAsync(EnfixDbContext db, string[] actions, DateTime from, DateTime to, CancellationToken ct) =>
        db.AuditEvents.CountAsync(a => actions.Contains(a.Action) && a.At >= from && a.At < to, ct);
}
