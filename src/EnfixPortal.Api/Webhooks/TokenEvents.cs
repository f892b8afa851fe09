using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Webhooks;

/// <summary>A token as an event describes it; never its secret.</summary>
public sealed record TokenEventData(
    string Id, string Type, string Kind, string? Name, string Hint, EventUser User, DateTime CreatedAt, DateTime ExpiresAt,
    int? DaysBeforeExpiry = null, long? GraceSeconds = null, string? Reason = null, bool? Deleted = null);

public sealed record EventUser(string Id, string? Username);

/// <summary>The token events, each raised from one method into the caller's unit of work.</summary>
public sealed class TokenEvents(WebhookOutbox outbox, TimeProvider time, IDbContextFactory<EnfixDbContext> dbFactory)
{
    /// <summary>For a token written by the group commit (<see cref="TokenInserts"/>), which takes no other rows: the
    /// event follows in a write of its own, and only when some webhook wants it.</summary>
    public async Task CreatedAsync(Token token, string? userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CreatedAsync(db, token, userName, ct);
        if (!db.ChangeTracker.HasChanges()) return;
        await db.SaveChangesAsync(ct);
        outbox.Wake();
    }

    public Task CreatedAsync(EnfixDbContext db, Token token, string? userName, CancellationToken ct = default) =>
        outbox.AddAsync(db, WebhookEventTypes.TokenCreated, Describe(token, userName), ct);

    /// <summary>A token given a new secret; the old one keeps working for <paramref name="graceSeconds"/>.</summary>
    public Task RotatedAsync(EnfixDbContext db, Token token, string? userName, long graceSeconds, CancellationToken ct = default) =>
        outbox.AddAsync(db, WebhookEventTypes.TokenRotated, Describe(token, userName) with { GraceSeconds = graceSeconds }, ct);

    /// <summary>Tokens a person ended before their time (expired now, or deleted). A token kept on record is marked as
    /// announced, so that it is not announced again as <c>token.expired</c>. Login tokens, sessions rather than
    /// credentials anyone manages, raise nothing.</summary>
    public async Task RevokedAsync(EnfixDbContext db, IReadOnlyCollection<Token> tokens, bool deleted, CancellationToken ct = default)
    {
        var revoked = tokens.Where(t => t.Kind != TokenKind.Login).ToList();
        if (revoked.Count == 0) return;
        var subscribers = await WebhookOutbox.SubscribersAsync(db, ct);
        foreach (var token in revoked)
        {
            if (!deleted)
                db.TokenNotices.Add(new TokenNotice { TokenId = token.Id, DaysBefore = 0, ExpiresAt = token.ExpiresAt, At = time.GetUtcNow().UtcDateTime });
            outbox.Add(db, subscribers, WebhookEventTypes.TokenRevoked, Describe(token, null) with { Deleted = deleted });
        }
    }

    /// <summary>Tokens expired by a policy rather than by their expiry date (<paramref name="reason"/>, such as <c>idle</c>),
    /// marked as announced so that they are not announced again when the expiry scan comes by.</summary>
    public async Task ExpiredAsync(EnfixDbContext db, IReadOnlyCollection<Token> tokens, string reason, CancellationToken ct = default)
    {
        var subscribers = await WebhookOutbox.SubscribersAsync(db, ct);
        foreach (var token in tokens)
        {
            db.TokenNotices.Add(new TokenNotice { TokenId = token.Id, DaysBefore = 0, ExpiresAt = token.ExpiresAt, At = time.GetUtcNow().UtcDateTime });
            outbox.Add(db, subscribers, WebhookEventTypes.TokenExpired, Describe(token, null) with { Reason = reason });
        }
    }

    public static TokenEventData Describe(Token token, string? userName) => new(
        token.Accessor, token.Family == TokenFamily.App ? "app_token" : "user_token",
        token.Kind switch { TokenKind.App => "app", TokenKind.Login => "login", _ => "obo" },
        token.Name, token.Hint, new EventUser(token.UserId, userName ?? token.User?.UserName), token.CreatedAt, token.ExpiresAt);
}

/// <summary>A user event: <c>user.deactivated</c>, or <c>login.locked_out</c> with where the attempts came from.</summary>
public sealed record UserEventData(EventUser User, string? ClientAddress = null, string? Door = null);
