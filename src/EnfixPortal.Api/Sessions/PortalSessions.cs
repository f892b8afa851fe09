using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using Microsoft.EntityFrameworkCore;
using System.Security.Cryptography;

namespace EnfixPortal.Api.Sessions;

/// <summary>A signed-in administrator's session as the portal's sign-in cookie names it.</summary>
public sealed record PortalSessionView(string Id, DateTime CreatedAt, DateTime LastSeenAt, string? ClientAddress, string? UserAgent);

/// <summary>The portal's server-side sessions: one row per sign-in, read on every request that carries the cookie (on
/// any node, so ending a session on one node ends it on all). Sign-out, ending one of one's own sessions, and ending all
/// of a user's sessions delete rows; a cookie whose row is gone is refused.</summary>
public sealed class PortalSessions(IDbContextFactory<EnfixDbContext> dbFactory, UserQueries users, AuditLog audit, TimeProvider time, ChangeFeed changes)
{
    /// <summary>How stale "last seen" may get: it is written at most this often per session.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    public async Task<string> StartAsync(string userId, string? clientAddress, string? userAgent, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new PortalSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), UserId = userId, CreatedAt = now, LastSeenAt = now,
            ClientAddress = clientAddress, UserAgent = userAgent is { Length: > PortalSession.UserAgentLength } ? userAgent[..PortalSession.UserAgentLength] : userAgent,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.PortalSessions.Add(session);
        await db.SaveChangesAsync(ct);
        // A sign-in writes no audit event of its own in this unit of work, so it is announced here, once committed.
        changes.Committed(ChangeAreas.Sessions);
        return session.Id;
    }

    /// <summary>Whether the session still stands for this user; notes that it was seen.</summary>
    public async Task<bool> IsLiveAsync(string? sessionId, string? userId, CancellationToken ct = default)
    {
        if (sessionId is null || userId is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var stale = now - LastSeenPrecision;
        var session = db.PortalSessions.Where(s => s.Id == sessionId && s.UserId == userId);
        if (await session.Where(s => s.LastSeenAt < stale).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), ct) > 0) return true;
        return await session.AnyAsync(ct);
    }

    /// <summary>Sign-out: the session ends on every node.</summary>
    public async Task EndAsync(string? sessionId, CancellationToken ct = default)
    {
        if (sessionId is null) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PortalSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct) > 0) changes.Committed(ChangeAreas.Sessions);
    }

    public async Task<ServiceResult<IReadOnlyList<PortalSessionView>>> ListOwnAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is null) return ServiceError.Unauthenticated("session", "Sign in first.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PortalSessions.Where(s => s.UserId == actor.UserId).OrderByDescending(s => s.CreatedAt)
            .Select(s => new PortalSessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent)).ToListAsync(ct);
    }

    /// <summary>Ends one of the actor's own sessions (another browser, or this one).</summary>
    public async Task<ServiceResult<bool>> EndOwnAsync(Actor actor, string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PortalSessions.Where(s => s.Id == sessionId && s.UserId == actor.UserId).ExecuteDeleteAsync(ct) == 0)
            return ServiceError.NotFound("session", "No such session of yours; it may have ended already.");
        db.AuditEvents.Add(audit.For(actor, AuditActions.SessionEnded, targetUserId: actor.UserId));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>An administrator ends every portal session of a user: each of that user's browsers must sign in again.</summary>
    public async Task<ServiceResult<int>> EndAllAsync(Actor actor, string userName, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return ServiceError.Forbidden("Only an administrator may end other users' sessions.");
        if (string.IsNullOrWhiteSpace(userName)) return ServiceError.Validation("username", "username is required.");
        if (await users.FindByNameAsync(userName, ct) is not { } user) return ServiceError.NotFound("username", $"No user is named '{userName.Trim()}'.");
        var userId = user.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ended = await db.PortalSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        db.AuditEvents.Add(audit.For(actor, AuditActions.UserSessionsEnded, targetUserId: userId, detail: $"{ended} sessions"));
        await db.SaveChangesAsync(ct);
        return ended;
    }
}
