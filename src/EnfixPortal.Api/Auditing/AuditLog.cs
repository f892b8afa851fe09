using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Auditing;

/// <summary>Builds audit events from the actor of a call; the caller adds them to the same unit of work as the change.</summary>
public sealed class AuditLog(TimeProvider time)
{
    public AuditEvent For(Actor actor, string action, AuditOutcome outcome = AuditOutcome.Success,
        string? targetAccessor = null, string? targetUserId = null, string? detail = null) => new()
    {
        At = time.GetUtcNow().UtcDateTime,
        ActorId = actor.UserId,
        ActorName = actor.UserName,
        Door = actor.Door,
        Action = action,
        TargetAccessor = targetAccessor,
        TargetUserId = targetUserId,
        ClientAddress = actor.ClientAddress,
        Outcome = outcome,
        Detail = detail,
    };
}
