namespace EnfixPortal.Cli;

public static class CliUsage
{
    public const string Text = """
        Usage: EnfixPortal [verb] [options]
        With no verb, runs the portal and API web server (settings: appsettings.json, environment, --Key value).
        Every verb takes --json (the API's JSON, for scripts); without it, a table or a sentence for people.
        Users are named by --username; tokens by --id (the token itself, or its 24-hex accessor).

        Verbs:
          app-tokens create --username U [--seconds N] [--name X] [--scope S]...
              Creates an app token owned by U (N >= 1 seconds, default the configured lifetime) and prints it alone on
              the last line (shown once). Each --scope gives it a scope (repeat for more); without any, it has U's
              full rights.
          app-tokens list [--username U] [--status any|active|expired] [--text T] [--scope S]
                          [--attention expiring_7d|expiring_30d|unused_90d|owner_deactivated]
                          [--sort [-]created_at|expires_at|last_used_at|name] [--page N] [--per-page N]
          app-tokens show --id ID
          app-tokens expire|delete --id ID [--id ID]...
              expire ends them now and keeps the records; delete removes them.
          app-tokens extend --id ID [--id ID]... --seconds N
              Gives each a new expiry N seconds from now (within the kind's maximum); one that already expires later
              is left as it is and named on standard error.
          app-tokens rotate --id ID [--grace SECONDS]
              Gives the token a new secret, printed alone on the last line (shown once); the old secret keeps working
              for SECONDS (default 0, at most Enfix:Tokens:MaxRotationGrace).
          tokens create --username U [--seconds N] [--name X] [--scope S]...
              Creates a token on behalf of U (OBO) and prints it alone on the last line (shown once).
          tokens list|show|expire|delete|extend|rotate ...
              As for app-tokens, over login and OBO tokens.
          users create --username U --password P [--name N] [--email E] [--admin]
              Creates a user and prints the new user's id.
          users list [--text T] [--active true|false] [--page N] [--per-page N]
          users show|deactivate|activate|grant-admin|revoke-admin --username U
          users reset-password --username U --password P
              Deactivating stops every token of U at once; a password reset ends U's login and OBO tokens (app
              tokens stay). The last active administrator can be neither deactivated nor demoted.
          audit export [--since 2026-11-28|2026-11-28T10:00:00Z|24h|7d] [--actor A] [--action X]
              The audit trail, newest first: CSV, or one JSON object a line with --json.
          backup --to FILE
              Copies the SQLite database to FILE (a new file), consistent while the server keeps running.
              Restore: stop the server, put FILE in place of the database, delete its -wal and -shm files, start.
          help, --help
              Shows this text.

        Relative paths (FILE, the database in ConnectionStrings:Enfix) are relative to the current directory.
        Exit codes: 0 done, 1 refused (the reason on standard error), 2 bad usage, 3 database unavailable.
        """;
}
