using System.Globalization;
using System.Text.Json;
using EnfixPortal.Account;
using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;

namespace EnfixPortal.Cli;

/// <summary><c>audit export</c>: the audit trail from a moment on, newest first, streamed through the same
/// <see cref="AuditQueries.Export"/> as the portal's CSV download; CSV by default, JSON lines with <c>--json</c>.</summary>
public sealed class AuditVerbs(IServiceProvider services, TextWriter output, CliOutput refusals, TimeProvider time)
{
    public Func<Task<int>> Export(CliArguments args, bool json, CancellationToken ct)
    {
        args.AllowOnly("since", "actor", "action", "json");
        var since = Since(args.Optional("since"), time.GetUtcNow().UtcDateTime);
        var query = new AuditQuery(args.Optional("actor"), args.Optional("action"), From: since);
        return async () =>
        {
            var export = services.GetRequiredService<AuditQueries>().Export(Actor.Cli(), query);
            if (export.Error is { } failed) return await refusals.FailAsync(failed);
            if (!json)
            {
                await AuditCsv.WriteAsync(output, export.Value!.Rows, ct);
                return 0;
            }
            await foreach (var row in export.Value!.Rows.WithCancellation(ct))
                await output.WriteLineAsync(JsonSerializer.Serialize(Item(row), ApiJson.Options));
            return 0;
        };
    }

    /// <summary>An event with its door and outcome by name, as the CSV has them.</summary>
    private static object Item(AuditEventView e) => new
    {
        e.Id, e.At, e.ActorId, e.ActorName, Door = e.Door.ToString().ToLowerInvariant(), e.Action,
        Outcome = e.Outcome.ToString().ToLowerInvariant(), e.TargetAccessor, e.TargetUserId, e.TargetUserName, e.ClientAddress, e.Detail,
    };

    /// <summary>A UTC date or date and time (<c>2026-11-28</c>, <c>2026-11-28T10:00:00Z</c>) or a span back from now
    /// (<c>30m</c>, <c>24h</c>, <c>7d</c>); none means the whole trail.</summary>
    internal static DateTime? Since(string? text, DateTime now)
    {
        if (text is null) return null;
        if (text.Length > 1 && long.TryParse(text[..^1], out var count) && count >= 0 && text[^1] is 'm' or 'h' or 'd')
            return now - (text[^1] switch { 'm' => TimeSpan.FromMinutes(count), 'h' => TimeSpan.FromHours(count), _ => TimeSpan.FromDays(count) });
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return at;
        throw new CliUsageException("--since must be a UTC date or time such as 2026-11-28 or 2026-11-28T10:00:00Z, or a span back from now such as 24h or 7d.");
    }
}
