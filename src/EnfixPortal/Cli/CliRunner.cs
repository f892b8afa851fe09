using System.Numerics;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Cli;

/// <summary>The operator's door: the same service layer and database as the server, run from a shell.</summary>
public sealed class CliRunner(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const string Usage = """
        Usage: EnfixPortal [verb] [options]
        With no verb, runs the portal and API web server (settings: appsettings.json, environment, --Key value).

        Verbs:
          users create --username U --password P [--name N] [--email E] [--admin]
              Creates a user and prints the new user's id.
          app-tokens create --username U [--seconds N] [--name X]
              Creates an app token owned by U and prints it alone on the last line (shown once).
          backup --to FILE
              Copies the SQLite database to FILE (a new file), consistent while the server keeps running.
              Restore: stop the server, put FILE in place of the database, delete its -wal and -shm files, start.
          help, --help
              Shows this text.
        """;

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
            Func<Task<int>> verb = args.Verb switch
            {
                "users create" => CreateUser(args, ct),
                "app-tokens create" => CreateAppToken(args, ct),
                "backup" => Backup(args, ct),
                _ => throw new CliUsageException($"Unknown verb '{args.Verb}'."),
            };
            services.GetService<IStartupValidator>()?.Validate();
            await services.PrepareDatabaseAsync(ct);
            return await verb();
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

    private Func<Task<int>> CreateUser(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("username", "password", "name", "email", "admin");
        var request = new CreateUserRequest(args.Required("username"), args.Required("password"), args.Optional("name"),
            args.Optional("email"), Admin: args.Flag("admin"));
        return async () =>
        {
            var created = await services.GetRequiredService<UserService>().CreateAsync(Actor.Cli(), request, ct);
            if (created.Error is { } failed) return await FailAsync(failed);
            await output.WriteLineAsync(created.Value!.Id);
            return 0;
        };
    }

    private Func<Task<int>> CreateAppToken(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("username", "seconds", "name");
        var userName = args.Required("username");
        BigInteger? seconds = null;
        if (args.Optional("seconds") is { } text)
            seconds = BigInteger.TryParse(text, out var parsed) ? parsed : throw new CliUsageException("--seconds must be a whole number.");
        return async () =>
        {
            var owner = await services.GetRequiredService<UserQueries>().FindByNameAsync(userName, ct);
            if (owner is null) return await FailAsync(ServiceError.Validation("username", $"No user is named '{userName}'."));
            var created = await services.GetRequiredService<TokenService>().CreateAppTokenAsync(Actor.Cli(),
                new CreateTokenRequest(owner.Id, args.Optional("name"), seconds), ct);
            if (created.Error is { } failed) return await FailAsync(failed);
            var token = created.Value!;
            await output.WriteLineAsync($"# app token for {owner.UserName}, accessor {token.Token.Accessor}, expires {token.Token.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}. Shown once.");
            await output.WriteLineAsync(token.Secret);
            return 0;
        };
    }

    private Func<Task<int>> Backup(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("to");
        var destination = args.Required("to");
        return async () =>
        {
            var taken = await services.GetRequiredService<DatabaseBackup>().BackupAsync(destination, ct);
            if (taken.Error is { } failed) return await FailAsync(failed);
            await output.WriteLineAsync($"Backed up the database to {taken.Value!.Path} ({taken.Value.Bytes} bytes, integrity checked).");
            return 0;
        };
    }

    private async Task<int> FailAsync(ServiceError failure)
    {
        foreach (var (field, message) in failure.Errors)
            await error.WriteLineAsync($"error: {field}: {message}");
        return 1;
    }
}
