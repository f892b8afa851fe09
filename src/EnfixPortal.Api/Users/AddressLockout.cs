using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Users;

/// <summary>Wrong passwords counted per account and client address (<see cref="SignInFailure"/>): after
/// <c>Enfix:Lockout:MaxFailedAttempts</c> in a row from one address, that address may not try the account for
/// <c>Enfix:Lockout:Duration</c>, while the real user signing in from elsewhere still can. Counts are raised in SQL, so
/// parallel failures on any nodes are each counted once.</summary>
public sealed class AddressLockout(IOptions<LockoutSettings> settings, TimeProvider time)
{
    // An insert that fails because another node made the row first is followed by a raise that finds it; one that fails
    // because the account was deleted meanwhile would fail for ever.
    private const int MaxInserts = 3;

    public async Task<bool> IsLockedOutAsync(EnfixDbContext db, string userId, string? clientAddress, CancellationToken ct)
    {
        var address = clientAddress ?? SignInRateLimiter.UnknownAddress;
        var now = time.GetUtcNow().UtcDateTime;
        return await db.SignInFailures.AnyAsync(f => f.UserId == userId && f.ClientAddress == address && f.LockedUntil > now, ct);
    }

    /// <summary>Counts one wrong password; true when it locked the address out of the account.</summary>
    public async Task<bool> CountFailureAsync(EnfixDbContext db, string userId, string? clientAddress, CancellationToken ct)
    {
        var address = clientAddress ?? SignInRateLimiter.UnknownAddress;
        var rows = db.SignInFailures.Where(f => f.UserId == userId && f.ClientAddress == address);
        for (var inserts = 0; await rows.ExecuteUpdateAsync(set => set.SetProperty(f => f.Count, f => f.Count + 1), ct) == 0; inserts++)
        {
            if (inserts == MaxInserts) return false; // the row can be neither raised nor made: the account is gone
            try
            {
                db.ChangeTracker.Clear();
                db.SignInFailures.Add(new SignInFailure { UserId = userId, ClientAddress = address, Count = 1 });
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); } // another node made the row first: raise its count
        }
        var until = time.GetUtcNow().UtcDateTime + settings.Value.Duration;
        var max = settings.Value.MaxFailedAttempts;
        return await rows.Where(f => f.Count >= max)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.Count, 0).SetProperty(f => f.LockedUntil, until), ct) > 0;
    }

    /// <summary>A right password from the address starts its count over.</summary>
    public Task ClearAsync(EnfixDbContext db, string userId, string? clientAddress, CancellationToken ct)
    {
        var address = clientAddress ?? SignInRateLimiter.UnknownAddress;
        return db.SignInFailures.Where(f => f.UserId == userId && f.ClientAddress == address).ExecuteDeleteAsync(ct);
    }
}
