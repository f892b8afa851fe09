using EnfixPortal.Api.Common;
using EnfixPortal.Api.Users;

namespace EnfixPortal.Cli;

/// <summary>Verbs name users by username, as operators know them.</summary>
public static class CliUsers
{
    public static async Task<UserView?> FindAsync(IServiceProvider services, CliOutput output, string userName, CancellationToken ct)
    {
        var user = await services.GetRequiredService<UserQueries>().FindByNameAsync(userName, ct);
        if (user is null) await output.FailAsync(ServiceError.Validation("username", $"No user is named '{userName}'."));
        return user;
    }
}
