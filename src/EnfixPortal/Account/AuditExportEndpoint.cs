using System.Globalization;
using EnfixPortal.Api.Auditing;

namespace EnfixPortal.Account;

/// <summary>The audit log page's "Export CSV": the same filters as the grid, streamed row by row to the browser.</summary>
public static class AuditExportEndpoint
{
    public const string Path = "/audit/export.csv";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext context, AuditQueries audit, string? actor, string? action, DateTime? from, DateTime? to) =>
        {
            var query = new AuditQuery(actor, action, from?.ToUniversalTime(), to?.ToUniversalTime());
            var export = audit.Export(PortalActor.From(context.User, context.Connection.RemoteIpAddress?.ToString()), query);
            if (export.Error is { } error)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync(error.Describe(), context.RequestAborted);
                return;
            }
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"enfix-audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
            await using var writer = new StreamWriter(context.Response.Body);
            await AuditCsv.WriteAsync(writer, export.Value!.Rows, context.RequestAborted);
        }).RequireAuthorization(PortalPolicies.Admin);
        return endpoints;
    }
}

/// <summary>One line per event; times in UTC to the second (ISO 8601), tokens by accessor, name and hint.</summary>
public static class AuditCsv
{
    public const string Header = "at,actor,actor_id,door,action,outcome,target_token,target_token_name,target_token_hint,target_user,target_user_id,client_address,detail";

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditEventView> rows, CancellationToken ct)
    {
        await writer.WriteLineAsync(Header);
        await foreach (var e in rows.WithCancellation(ct))
        {
            string?[] cells =
            [
                e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.ActorName, e.ActorId, e.Door.ToString().ToLowerInvariant(), e.Action,
                e.Outcome.ToString().ToLowerInvariant(), e.TargetAccessor, e.Token?.Name, e.Token?.Hint, e.TargetUserName, e.TargetUserId, e.ClientAddress, e.Detail,
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Cell)));
        }
    }

    /// <summary>Quotes every cell that needs it, and defuses cells a spreadsheet would run as a formula.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
