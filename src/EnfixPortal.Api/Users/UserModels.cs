using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Users;

public sealed record CreateUserRequest(
    string? UserName, string? Password, string? DisplayName = null, string? Email = null, bool Active = true, bool Admin = false);

/// <summary>A partial change: null leaves a field as it is.</summary>
/// <param name="Unreadable">What a door could not read from the request; refused once the user is known to exist.</param>
public sealed record UpdateUserRequest(
    string? DisplayName = null, string? Email = null, bool? Active = null, bool? Admin = null, string? Password = null,
    ServiceError? Unreadable = null);

/// <param name="ActiveAppTokens">Unexpired app tokens that work: none while the user is deactivated.</param>
/// <param name="SuspendedTokens">Unexpired tokens of a deactivated user: refused now, working again on reactivation.</param>
public sealed record UserView(
    string Id, string UserName, string? DisplayName, string? Email, bool Active, bool Admin, DateTime CreatedAt,
    int ActiveAppTokens = 0, int ActiveUserTokens = 0, int SuspendedTokens = 0);

/// <param name="UserName">An exact username, ignoring case.</param>
/// <param name="CountLimit">Count no further than this; past it the page's total is a lower bound (as for tokens).</param>
public sealed record UserQuery(string? Text = null, bool? Active = null, int Page = 1, int PerPage = 50, string? UserName = null,
    int? CountLimit = null);
