using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Users;

/// <summary>Reads users, with their active token counts, for administrators. A deactivated user's tokens are all refused,
/// so none of them counts as active; their unexpired ones are counted as suspended instead.</summary>
public sealed class UserQueries(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time)
{
    public async Task<ServiceResult<UserView>> GetAsync(Actor actor, string id, CancellationToken ct = default)
    {
        if (!actor.IsAdmin && actor.UserId != id) return UserErrors.AdminOnly;
        if (!ObjectIds.IsWellFormed(id)) return UserErrors.NotFound;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await Project(db, db.Users.Where(u => u.Id == id)).SingleOrDefaultAsync(ct);
        return user is null ? UserErrors.NotFound : user;
    }

    public async Task<ServiceResult<Page<UserView>>> ListAsync(Actor actor, UserQuery query, CancellationToken ct = default)
    {
        if (!actor.IsAdmin) return UserErrors.AdminOnly;
        if (query.Page < 1) return ServiceError.Validation("page", "page must be 1 or more.");
        if (query.PerPage is < 1 or > TokenQueries.MaxPerPage)
            return ServiceError.Validation("per_page", $"per_page must be between 1 and {TokenQueries.MaxPerPage}.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(text) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(text))
                || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(text)));
        }
        if (query.Active is { } active) users = users.Where(u => u.IsActive == active);
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            var normalized = query.UserName.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName == normalized);
        }
        var total = query.CountLimit is { } limit ? await users.Take(limit + 1).CountAsync(ct) : await users.CountAsync(ct);
        var rows = await Project(db, users.OrderBy(u => u.NormalizedUserName).Skip((query.Page - 1) * query.PerPage).Take(query.PerPage + 1))
            .ToListAsync(ct);
        return Page<UserView>.Read(rows, total, query.Page, query.PerPage, query.CountLimit);
    }

    /// <summary>Finds a user by name for sign-in doors and the CLI; not filtered by permission.</summary>
    public async Task<UserView?> FindByNameAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = userName.Trim().ToUpperInvariant();
        return await Project(db, db.Users.Where(u => u.NormalizedUserName == normalized)).SingleOrDefaultAsync(ct);
    }

    private IQueryable<UserView> Project(EnfixDbContext db, IQueryable<EnfixUser> users)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var adminRoleId = db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id);
        return users.Select(u => new UserView(
            u.Id, u.UserName!, u.DisplayName, u.Email, u.IsActive,
            db.UserRoles.Any(r => r.UserId == u.Id && adminRoleId.Contains(r.RoleId)),
            u.CreatedAt,
            u.IsActive ? db.Tokens.Count(t => t.UserId == u.Id && t.Family == TokenFamily.App && t.ExpiresAt > now) : 0,
            u.IsActive ? db.Tokens.Count(t => t.UserId == u.Id && t.Family == TokenFamily.User && t.ExpiresAt > now) : 0,
            u.IsActive ? 0 : db.Tokens.Count(t => t.UserId == u.Id && t.ExpiresAt > now)));
    }
}

internal static class UserErrors
{
    public static readonly ServiceError AdminOnly = ServiceError.Forbidden("Only an administrator may manage users.");
    public static readonly ServiceError NotFound = ServiceError.NotFound("id", "No user has this ID.");
}
