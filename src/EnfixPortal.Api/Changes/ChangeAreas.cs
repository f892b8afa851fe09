using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Changes;

/// <summary>What a committed change touched, as open pages care: a page reloads only when an area it shows changed.</summary>
[Flags]
public enum ChangeAreas
{
    None = 0,
    Tokens = 1,
    Users = 2,
    Audit = 4,
    /// <summary>Portal sessions: a sign-in, a sign-out, a session ended.</summary>
    Sessions = 8,
    /// <summary>Webhooks and their delivery log.</summary>
    Webhooks = 16,
    All = Tokens | Users | Audit | Sessions | Webhooks,
}

public static class ChangeAreasOf
{
    /// <summary>The areas an audit event's action changed. Every event appends to the trail; a user's counts of tokens
    /// change with their tokens; an action not known here touches everything, so no page misses it.</summary>
    public static ChangeAreas Action(string action) => action switch
    {
        _ when action.StartsWith("session.", StringComparison.Ordinal) || action == AuditActions.UserSessionsEnded => ChangeAreas.Audit | ChangeAreas.Sessions,
        _ when action.StartsWith("login.", StringComparison.Ordinal) => ChangeAreas.Audit,
        _ when action.StartsWith("webhook.", StringComparison.Ordinal) => ChangeAreas.Audit | ChangeAreas.Webhooks,
        _ when action.StartsWith("app_token.", StringComparison.Ordinal) || action.StartsWith("user_token.", StringComparison.Ordinal)
            || action.StartsWith("token.", StringComparison.Ordinal) => ChangeAreas.Tokens | ChangeAreas.Users | ChangeAreas.Audit,
        _ => ChangeAreas.All,
    };
}
