using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Auditing;

/// <summary>Filters for the audit trail. Actor matches a user ID or part of a name; the range is [From, To).</summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, DateTime? From = null, DateTime? To = null, int Page = 1, int PerPage = 50);

public sealed record AuditEventView(
    long Id, DateTime At, string? ActorId, string? ActorName, Door Door, string Action, AuditOutcome Outcome,
    string? TargetAccessor, string? TargetUserId, string? TargetUserName, string? ClientAddress, string? Detail,
    TargetToken? Token = null);

/// <summary>The token an event names, as the grids show it; null when the token has since been deleted.</summary>
public sealed record TargetToken(string? Name, string Hint, TokenKind Kind)
{
    public TokenFamily Family => Token.FamilyOf(Kind);
}

public sealed record AuditExport(IAsyncEnumerable<AuditEventView> Rows);
