using System.Text.Json;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Http;

namespace EnfixPortal.Cli;

/// <summary>What a verb prints: with <c>--json</c> the API's own JSON (one document, snake_case, UTC to the second) for
/// scripts; otherwise a table for people. Refusals go to standard error, one <c>error: field: message</c> line each.</summary>
public sealed class CliOutput(TextWriter output, TextWriter error, bool json)
{
    public bool Json => json;

    public TextWriter Error => error;

    public async Task<int> ShowAsync<T>(T value, Func<T, string> text)
    {
        await output.WriteLineAsync(json ? JsonSerializer.Serialize(value, ApiJson.Options) : text(value));
        return 0;
    }

    /// <summary>The rows as a table, or with <c>--json</c> as an array of <paramref name="item"/>s.</summary>
    public async Task<int> TableAsync<T>(IReadOnlyList<T> rows, Func<T, object> item, string[] headers, Func<T, string?[]> cells,
        string? footer = null)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(rows.Select(item).ToList(), ApiJson.Options));
            return 0;
        }
        var table = rows.Select(r => cells(r).Select(c => c ?? "-").ToArray()).Prepend(headers).ToList();
        var widths = headers.Select((_, i) => table.Max(row => row[i].Length)).ToArray();
        foreach (var row in table)
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        if (footer is not null) await output.WriteLineAsync(footer);
        return 0;
    }

    public async Task<int> FailAsync(ServiceError failure)
    {
        foreach (var (field, message) in failure.Errors)
            await error.WriteLineAsync($"error: {field}: {message}");
        return 1;
    }

    public static string When(DateTime? at) => at is { } value ? ApiJson.Format(value) : "-";
}
