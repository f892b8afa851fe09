namespace EnfixPortal.Api.Model;

/// <summary>Wrong passwords for one account from one client address since the last right one; enough of them lock that
/// account out for that address only (<see cref="LockoutSettings"/>). Kept in the database, so every node counts the same.</summary>
public sealed class SignInFailure
{
    public required string UserId { get; init; }
    public required string ClientAddress { get; init; }
    public int Count { get; set; }
    public DateTime? LockedUntil { get; set; }
}
