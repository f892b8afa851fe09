using EnfixPortal.Api.Common;
using EnfixPortal.Api.Endpoints;
using EnfixPortal.Api.Users;

namespace EnfixPortal.Cli;

/// <summary><c>users</c>: the same <see cref="UserService"/> and <see cref="UserQueries"/> calls as the API and the portal,
/// as the CLI actor (audited with door <c>cli</c>). The last active administrator cannot be deactivated or demoted.</summary>
public sealed class UserVerbs(IServiceProvider services, CliOutput output)
{
    private readonly Actor _actor = Actor.Cli();
    private UserService Users => services.GetRequiredService<UserService>();

    public Func<Task<int>> Create(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("username", "password", "name", "email", "admin", "json");
        var request = new CreateUserRequest(args.Required("username"), args.Required("password"), args.Optional("name"),
            args.Optional("email"), Admin: args.Flag("admin"));
        return async () =>
        {
            var created = await Users.CreateAsync(_actor, request, ct);
            return created.Error is { } failed ? await output.FailAsync(failed)
                : await output.ShowAsync(UserItem.From(created.Value!), user => user.Id);
        };
    }

    public Func<Task<int>> List(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("text", "active", "page", "per-page", "json");
        bool? active = args.Optional("active") switch
        {
            null => null,
            var text when bool.TryParse(text, out var value) => value,
            _ => throw new CliUsageException("--active must be true or false."),
        };
        var (page, perPage) = (args.Number("page", 1), args.Number("per-page", 50));
        return async () =>
        {
            var listed = await services.GetRequiredService<UserQueries>().ListAsync(_actor, new UserQuery(args.Optional("text"), active, page, perPage), ct);
            if (listed.Error is { } failed) return await output.FailAsync(failed);
            var rows = listed.Value!;
            return await output.TableAsync(rows.Items, UserItem.From, ["ID", "USERNAME", "NAME", "EMAIL", "ADMIN", "STATE", "APP TOKENS", "TOKENS"],
                u => [u.Id, u.UserName, u.DisplayName, u.Email, u.Admin ? "yes" : "no", u.Active ? "active" : "deactivated",
                    u.ActiveAppTokens.ToString(), u.ActiveUserTokens.ToString()],
                $"{rows.Items.Count} shown of {rows.Total} (page {rows.PageNumber}).");
        };
    }

    public Func<Task<int>> Show(CliArguments args, CancellationToken ct) =>
        OnOne(args, [], user => services.GetRequiredService<UserQueries>().GetAsync(_actor, user.Id, ct), ct);

    public Func<Task<int>> Change(CliArguments args, UpdateUserRequest change, CancellationToken ct) =>
        OnOne(args, [], user => Users.UpdateAsync(_actor, user.Id, change, ct), ct);

    public Func<Task<int>> ResetPassword(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("username", "password", "json");
        var password = args.Required("password");
        return OnOne(args, ["password"], user => Users.UpdateAsync(_actor, user.Id, new UpdateUserRequest(Password: password), ct), ct);
    }

    private Func<Task<int>> OnOne(CliArguments args, string[] more, Func<UserView, Task<ServiceResult<UserView>>> act,
        CancellationToken ct = default)
    {
        args.AllowOnly(["username", "json", .. more]);
        var userName = args.Required("username");
        return async () =>
        {
            if (await CliUsers.FindAsync(services, output, userName, ct) is not { } user) return 1;
            var done = await act(user);
            return done.Error is { } failed ? await output.FailAsync(failed) : await output.ShowAsync(UserItem.From(done.Value!), Describe);
        };
    }

    private static string Describe(UserItem u) =>
        $"{u.Username} ({u.Id}): name {u.Name ?? "-"}, email {u.Email ?? "-"}, {(u.Roles.Length > 0 ? "administrator" : "not an administrator")}, " +
        $"{(u.Active ? "active" : "deactivated")}, {u.ActiveAppTokens} active app tokens, {u.ActiveTokens} active user tokens, " +
        $"created {CliOutput.When(u.CreatedAt)}.";
}
