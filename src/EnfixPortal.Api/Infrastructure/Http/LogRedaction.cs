using System.Text.RegularExpressions;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>What a log line may show of a request path: any run of hex digits longer than an accessor — a token, in any
/// letter case, alone or with other characters stuck to it (<c>&lt;token&gt;x</c>, <c>&lt;token&gt;%2F</c>) — is cut to
/// its first <see cref="TokenSecrets.HintLength"/> characters and an ellipsis. Accessors (24 hex) stay whole.</summary>
public static partial class LogRedaction
{
    public static string Path(PathString path) => Text(path.Value ?? "");

    public static string Text(string text) =>
        HexRun().Replace(text, run => string.Concat(run.ValueSpan[..TokenSecrets.HintLength], "…"));

    [GeneratedRegex("[0-9a-fA-F]{25,}")]
    private static partial Regex HexRun();
}
