using EnfixPortal.Api.Common;
using EnfixPortal.Api.Endpoints;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using System.Numerics;

namespace EnfixPortal.Cli;

/// <summary><c>app-tokens</c> and <c>tokens</c> (login and OBO): the same <see cref="TokenService"/> and
/// <see cref="TokenQueries"/> calls as the API and the portal, as the CLI actor (audited with door <c>cli</c>).</summary>
public sealed partial class TokenVerbs(IServiceProvider services, CliOutput output, TokenFamily family)
{
    private readonly Actor _actor = Actor.Cli();
    private TokenService Tokens => services.GetRequiredService<TokenService>();
    private TokenQueries Queries => services.GetRequiredService<TokenQueries>();

    public Func<Task<int>> Create(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("username", "seconds", "name", "scope", "json");
        var userName = args.Required("username");
        var scopes = args.Many("scope");
        BigInteger? seconds = null;
        if (args.Optional("seconds") is { } text)
            seconds = BigInteger.TryParse(text, out var parsed) && parsed > 0 ? parsed
                : throw new CliUsageException("--seconds must be a whole number of seconds, 1 or more.");
        return async () =>
        {
            if (await CliUsers.FindAsync(services, output, userName, ct) is not { } owner) return 1;
            var request = new CreateTokenRequest(owner.Id, args.Optional("name"), seconds, scopes);
            var created = family == TokenFamily.App
                ? await Tokens.CreateAppTokenAsync(_actor, request, ct)
                : await Tokens.CreateOboTokenAsync(_actor, request, ct);
            if (created.Error is { } failed) return await output.FailAsync(failed);
            var token = created.Value!;
            var answer = new Dictionary<string, object?>
            {
                [family == TokenFamily.App ? "app_token" : "token"] = token.Secret, ["accessor"] = token.Token.Accessor,
                ["user"] = owner.Id, ["expires_at"] = token.Token.ExpiresAt, ["scopes"] = token.Token.Scopes?.Sorted,
            };
            return await output.ShowAsync(answer, _ => $"# {Noun} for {owner.UserName}, accessor {token.Token.Accessor}, expires " +
                $"{CliOutput.When(token.Token.ExpiresAt)}, {ScopesText(token.Token.Scopes?.Sorted)}. Shown once.\n{token.Secret}");
        };
    }

    public Func<Task<int>> List(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("username", "status", "text", "sort", "attention", "scope", "page", "per-page", "json");
        var status = CliArguments.Choice(args.Optional("status") ?? "any", "status", TokenStatus.Any, TokenStatus.Active, TokenStatus.Expired);
        var (sort, descending, attention) = ListOrder(args);
        var (page, perPage) = (args.Number("page", 1), args.Number("per-page", 50));
        return async () =>
        {
            string? userId = null;
            if (args.Optional("username") is { } userName)
            {
                if (await CliUsers.FindAsync(services, output, userName, ct) is not { } owner) return 1;
                userId = owner.Id;
            }
            var listed = await Queries.ListAsync(_actor, new TokenQuery(family, userId, Status: status, Text: args.Optional("text"),
                Sort: sort, Descending: descending, Page: page, PerPage: perPage, CountLimit: TokenQueries.GridCountLimit,
                Scope: args.Optional("scope"), Attention: attention), ct);
            if (listed.Error is { } failed) return await output.FailAsync(failed);
            var rows = listed.Value!;
            return await output.TableAsync(rows.Items, Item,
                ["ACCESSOR", "HINT", "NAME", "OWNER", "KIND", "EXPIRES", "STATE", "LAST USED", "FROM"],
                t => [t.Accessor, t.Hint, t.Name, t.UserName, t.Kind.ToString().ToLowerInvariant(), CliOutput.When(t.ExpiresAt),
                    t.Expired ? "expired" : "active", CliOutput.When(t.LastUsedAt), t.LastUsedAddress],
                $"{rows.Items.Count} shown of {(rows.TotalIsExact ? "" : "more than ")}{rows.Total} (page {rows.PageNumber}).");
        };
    }

    /// <summary><c>--sort</c> and <c>--attention</c> by the API's names (<see cref="TokenListParameters"/>): a field, <c>-</c>
    /// first for descending order.</summary>
    private static (TokenSort Sort, bool Descending, TokenAttention Attention) ListOrder(CliArguments args)
    {
        var sortText = args.Optional("sort") ?? TokenListParameters.DefaultSort;
        var descending = sortText.StartsWith('-');
        if (!TokenListParameters.Sorts.TryGetValue(descending ? sortText[1..] : sortText, out var sort))
            throw new CliUsageException($"--sort must be one of: {string.Join(", ", TokenListParameters.Sorts.Keys)}, each optionally prefixed with - for descending order.");
        if (!TokenListParameters.TryChoose(args.Optional("attention"), TokenListParameters.Attentions, TokenAttention.None, out var attention))
            throw new CliUsageException($"--attention must be one of: {string.Join(", ", TokenListParameters.Attentions.Keys)}.");
        return (sort, descending, attention);
    }

    public Func<Task<int>> Show(CliArguments args, CancellationToken ct) => OnOne(args, async id =>
    {
        var found = await Queries.GetAsync(_actor, family, id, ct);
        return found.Error is { } failed ? await output.FailAsync(failed) : await output.ShowAsync(Item(found.Value!), Describe);
    });

    /// <summary>A new secret, printed once alone on the last line; the old one works for --grace seconds (default 0).</summary>
    public Func<Task<int>> Rotate(CliArguments args, CancellationToken ct)
    {
        args.AllowOnly("id", "grace", "json");
        var id = args.Required("id");
        BigInteger? grace = null;
        if (args.Optional("grace") is { } text)
            grace = BigInteger.TryParse(text, out var parsed) ? parsed
                : throw new CliUsageException("--grace must be a whole number of seconds, 0 or more.");
        return async () =>
        {
            var rotated = await services.GetRequiredService<TokenRotation>().RotateAsync(_actor, family, id, new RotateTokenRequest(grace), ct);
            if (rotated.Error is { } failed) return await output.FailAsync(failed);
            var token = rotated.Value!;
            var answer = new Dictionary<string, object?>
            {
                [family == TokenFamily.App ? "app_token" : "token"] = token.Secret, ["accessor"] = token.Token.Accessor,
                ["grace_seconds"] = (long)(grace ?? 0),
            };
            return await output.ShowAsync(answer, _ => $"# New secret for {Noun} {token.Token.Accessor}; the old one works for " +
                $"{grace ?? 0} more seconds. Shown once.\n{token.Secret}");
        };
    }

    private string Noun => family == TokenFamily.App ? "app token" : "token";

    private Func<Task<int>> OnOne(CliArguments args, Func<string, Task<int>> act)
    {
        args.AllowOnly("id", "json");
        var id = args.Required("id");
        return () => act(id);
    }

    private object Item(TokenView token) => family == TokenFamily.App ? AppTokenItem.From(token) : UserTokenItem.From(token);

    private static string Describe(object item) => item switch
    {
        AppTokenItem t => $"app token {t.Accessor} (hint {t.Hint}, name {t.Name ?? "-"}) of user {t.User}: created {CliOutput.When(t.CreatedAt)}, " +
            $"expires {CliOutput.When(t.ExpiresAt)}{(t.Expired ? " (expired)" : "")}, last used {LastUse(t.LastUsedAt, t.LastUsedIp, t.LastUsedUserAgent)}, " +
            $"{ScopesText(t.Scopes)}.",
        UserTokenItem t => $"{t.Kind} token {t.Accessor} (hint {t.Hint}, name {t.Name ?? "-"}) of user {t.User}, issued by {t.IssuedBy ?? "-"}: " +
            $"created {CliOutput.When(t.CreatedAt)}, expires {CliOutput.When(t.ExpiresAt)}{(t.Expired ? " (expired)" : "")}, " +
            $"last used {LastUse(t.LastUsedAt, t.LastUsedIp, t.LastUsedUserAgent)}, {ScopesText(t.Scopes)}.",
        _ => item.ToString()!,
    };

    /// <summary>"2026-12-01T09:00:00Z from 203.0.113.9 (curl/8.5.0)", or "-" for a token never used.</summary>
    private static string LastUse(DateTime? at, string? address, string? userAgent) =>
        CliOutput.When(at) + (address is null ? "" : $" from {address}") + (userAgent is null ? "" : $" ({userAgent})");

    private static string ScopesText(IReadOnlyList<string>? scopes) =>
        scopes is null ? "all scopes" : scopes.Count == 0 ? "no scopes" : $"scopes {string.Join(' ', scopes)}";
}
