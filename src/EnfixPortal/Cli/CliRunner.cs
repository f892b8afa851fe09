using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Cli;

/// <summary>The operator's door: the same service layer and database as the server, run from a shell.</summary>
public sealed class CliRunner(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const string Usage = CliUsage.Text;

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct = default)
    {
        try
        {
            if (args.Verb == "help")
            {
                await output.WriteLineAsync(Usage);
                return 0;
            }
            // Read every option before the database is opened: bad usage changes nothing.
            var verb = Parse(args, new CliOutput(output, error, args.Flag("json")), ct);
            services.GetService<IStartupValidator>()?.Validate();
            await services.PrepareDatabaseAsync(ct);
            // The running server (every node, on PostgreSQL) hears this run's revocations and changes as nodes hear each other's;
            // resolved first, so that it hears them as they are committed.
            var notices = services.GetRequiredService<IRunNotices>();
            var exitCode = await verb();
            if (!await notices.FlushAsync(ct))
                await error.WriteLineAsync("warning: the running server could not be told of this change; its cached tokens expire on their own, and open portal pages show it on reload.");
            return exitCode;
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }
        catch (Exception ex) when (StartupFailure.Explain(ex) is { } failure)
        {
            return failure.Report(error);
        }
    }

    private Func<Task<int>> Parse(CliArguments args, CliOutput shown, CancellationToken ct)
    {
        var (noun, action) = args.Verb.Split(' ') is [var first, var second] ? (first, second) : (args.Verb, "");
        if (noun is "app-tokens" or "tokens")
        {
            var tokens = new TokenVerbs(services, shown, noun == "app-tokens" ? TokenFamily.App : TokenFamily.User);
            return action switch
            {
                "create" => tokens.Create(args, ct),
                "list" => tokens.List(args, ct),
                "show" => tokens.Show(args, ct),
                "expire" => tokens.Expire(args, ct),
                "delete" => tokens.Delete(args, ct),
                "extend" => tokens.Extend(args, ct),
                "rotate" => tokens.Rotate(args, ct),
                _ => throw Unknown(args),
            };
        }
        var users = new UserVerbs(services, shown);
        return args.Verb switch
        {
            "users create" => users.Create(args, ct),
            "users list" => users.List(args, ct),
            "users show" => users.Show(args, ct),
            "users deactivate" => users.Change(args, new UpdateUserRequest(Active: false), ct),
            "users activate" => users.Change(args, new UpdateUserRequest(Active: true), ct),
            "users grant-admin" => users.Change(args, new UpdateUserRequest(Admin: true), ct),
            "users revoke-admin" => users.Change(args, new UpdateUserRequest(Admin: false), ct),
            "users reset-password" => users.ResetPassword(args, ct),
            "audit export" => new AuditVerbs(services, output, shown, services.GetRequiredService<TimeProvider>()).Export(args, shown.Json, ct),
            "backup" => Backup(args, shown, ct),
            _ => throw Unknown(args),
        };
    }

    private static CliUsageException Unknown(CliArguments args) => new($"Unknown verb '{args.Verb}'.");

    private Func<Task<int>> Backup(CliArguments args, CliOutput shown, CancellationToken ct)
    {
        args.AllowOnly("to", "json");
        var destination = args.Required("to");
        return async () =>
        {
            var taken = await services.GetRequiredService<DatabaseBackup>().BackupAsync(destination, ct);
            return taken.Error is { } failed ? await shown.FailAsync(failed)
                : await shown.ShowAsync(taken.Value!, b => $"Backed up the database to {b.Path} ({b.Bytes} bytes, integrity checked).");
        };
    }
}
