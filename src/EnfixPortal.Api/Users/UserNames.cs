using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Users;

/// <summary>Usernames for a handful of user IDs in one query, e.g. the "issued by" column of a page of tokens.</summary>
public sealed class UserNames(IDbContextFactory<EnfixDbContext> dbFactory)
{
    public async Task<ServiceResult<Dictionary<string, string>>> GetAsync(Actor actor, IEnumerable<string> ids, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return UserErrors.AdminOnly;
        var wanted = ids.Where(ObjectIds.IsWellFormed).Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(ct);
        return names.ToDictionary(u => u.Id, u => u.UserName ?? u.Id);
    }
}
