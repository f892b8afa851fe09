namespace EnfixPortal;

/// <summary>The content root (appsettings.json, wwwroot) is the application's own folder, wherever it is started from —
/// <c>dotnet /opt/enfixportal/EnfixPortal.dll</c> from any directory, a systemd unit, <c>dotnet run</c> — unless one is
/// named with <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c>. Relative paths in settings and CLI options (the SQLite
/// file, <c>backup --to</c>) are not affected: they are relative to the current directory.</summary>
public static class ContentRoot
{
    public static string? Choose(string[] args)
    {
        var named = args.Any(a => a.TrimStart('-').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        return named ? null : AppContext.BaseDirectory;
    }
}
