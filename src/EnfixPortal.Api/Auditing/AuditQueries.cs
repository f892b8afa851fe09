using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace EnfixPortal.Api.Auditing;

/// <summary>Reads the audit trail for administrators: a page, an export streamed row by row, and the newest event's ID.</summary>
public sealed class AuditQueries(IDbContextFactory<EnfixDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> KnownActions = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

    private static readonly ServiceError AdminOnly = ServiceError.Forbidden("Only an administrator may read the audit log.");

    public async Task<ServiceResult<Page<AuditEventView>>> ListAsync(Actor actor, AuditQuery query, CancellationToken ct = default)
    {
        if (Invalid(actor, query) is { } invalid) return invalid;
        if (query.Page < 1) return ServiceError.Validation("page", "page must be 1 or more.");
        if (query.PerPage is < 1 or > TokenQueries.MaxPerPage)
            return ServiceError.Validation("per_page", $"per_page must be between 1 and {TokenQueries.MaxPerPage}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = Filter(db.AuditEvents.AsNoTracking(), query);
        var total = await events.CountAsync(ct);
        var rows = await Project(db, Newest(events).Skip((query.Page - 1) * query.PerPage).Take(query.PerPage)).ToListAsync(ct);
        return new Page<AuditEventView>(rows, total, query.Page, query.PerPage);
    }

    /// <summary>Every matching event, newest first, read as the caller writes them out: the trail is never held in memory.</summary>
    public ServiceResult<AuditExport> Export(Actor actor, AuditQuery query) =>
        Invalid(actor, query) is { } invalid ? invalid : new AuditExport(StreamAsync(query));

    private async IAsyncEnumerable<AuditEventView> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var row in Project(db, Newest(Filter(db.AuditEvents.AsNoTracking(), query))).AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    private static ServiceError? Invalid(Actor actor, AuditQuery query) =>
        !actor.IsAdmin ? AdminOnly
        : query.From is { } from && query.To is { } to && to < from ? ServiceError.Validation("to", "The end of the range is before its start.")
        : null;

    private static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> events, AuditQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            var upper = actor.ToUpperInvariant();
            events = events.Where(a => a.ActorId == actor || (a.ActorName != null && a.ActorName.ToUpper().Contains(upper)));
        }
        if (!string.IsNullOrWhiteSpace(query.Action)) events = events.Where(a => a.Action == query.Action);
        if (query.From is { } from) events = events.Where(a => a.At >= from);
        if (query.To is { } to) events = events.Where(a => a.At < to);
        return events;
    }

    private static IQueryable<AuditEvent> Newest(IQueryable<AuditEvent> events) => events.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    private static IQueryable<AuditEventView> Project(EnfixDbContext db, IQueryable<AuditEvent> events) => events.Select(a => new AuditEventView(
        a.Id, a.At, a.ActorId, a.ActorName, a.Door, a.Action, a.Outcome, a.TargetAccessor, a.TargetUserId,
        db.Users.Where(u => u.Id == a.TargetUserId).Select(u => u.UserName).FirstOrDefault(), a.ClientAddress, a.Detail,
        db.Tokens.Where(t => t.Accessor == a.TargetAccessor).Select(t => new TargetToken(t.Name, t.Hint, t.Kind)).FirstOrDefault()));
}
