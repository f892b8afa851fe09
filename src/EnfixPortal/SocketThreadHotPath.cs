using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace EnfixPortal;

/// <summary>Runs the API's hot path on the socket threads (<see cref="SocketThreads"/>, decision 008): Kestrel runs a
/// request where its socket's data arrived (<c>UnsafePreferInlineScheduling</c>) and .NET completes socket reads on the
/// event thread itself (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>), so a warm <c>/me</c> passes between no
/// threads at all: 15-25 % less CPU per request. On by default; off with
/// <c>Enfix:Server:HotPathOnSocketThreads=false</c>, and always off on PostgreSQL, whose driver reads its own sockets
/// and would then resume database callers on the event threads.</summary>
public static class SocketThreadHotPath
{
    public const string Setting = "Enfix:Server:HotPathOnSocketThreads";
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns it on for this server process when the settings allow; must run before the process opens any socket.
    /// Throws <see cref="OptionsValidationException"/> for a setting that is not true or false.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        var setting = builder.Configuration[Setting];
        var on = true;
        if (setting is not null && !bool.TryParse(setting, out on))
            throw new OptionsValidationException(Setting, typeof(bool), [$"{Setting} must be true or false, not '{setting}'."]);
        if (!on || builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() is { IsPostgres: true }) return;
        Environment.SetEnvironmentVariable(InlineCompletions, "1");
        builder.WebHost.UseSockets(options => options.UnsafePreferInlineScheduling = true);
    }
}
