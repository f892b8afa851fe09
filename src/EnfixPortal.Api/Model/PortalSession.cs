namespace EnfixPortal.Api.Model;

/// <summary>One sign-in to the portal, kept on the server: the browser's cookie names it, and the cookie is honoured only
/// while this row exists. Sign-out, "end session" and "end all sessions" delete rows.</summary>
public sealed class PortalSession
{
    public const int UserAgentLength = 256;

    public required string Id { get; init; }
    public required string UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastSeenAt { get; set; }
    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
}
