namespace EnfixPortal.Api.Common;

/// <summary>The door a request came through; recorded on every audit event.</summary>
public enum Door { Api, Portal, Cli }

/// <summary>Who is asking, through which door and from where. Every service call that changes something takes one.</summary>
public sealed record Actor(string? UserId, string? UserName, bool IsAdmin, Door Door, string? ClientAddress = null)
{
    public static Actor Cli(string? userId = null, string? userName = null) => new(userId, userName ?? "cli", true, Door.Cli);

    /// <summary>The accessors of the token pair an API request presented; null through the portal, the CLI and at login.</summary>
    public string? AppTokenAccessor { get; init; }
    public string? TokenAccessor { get; init; }

    /// <summary>What the request's token pair allows (<c>TokenPrincipal.EffectiveScopes</c>); null, unrestricted,
    /// for an unscoped pair and through the portal and the CLI. A token this actor creates gets no scope beyond these.</summary>
    public ScopeSet? Scopes { get; init; }

    public bool MayActFor(string userId) => IsAdmin || string.Equals(UserId, userId, StringComparison.Ordinal);
}
