using EnfixPortal;
using EnfixPortal.Api;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Users;
using EnfixPortal.Cli;
using EnfixPortal.Security;
using Microsoft.Extensions.Options;

CliArguments? cli;
try { cli = CliArguments.Parse(args); }
catch (CliUsageException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(CliRunner.Usage);
    return 2;
}

try
{
    // A CLI verb's options are not settings: only the web server reads its arguments as configuration.
    // Settings are read once, at start, where they are validated (a restart applies a change): reloading appsettings.json
    // would watch the whole content-root directory and wake a thread on every change there, and an invalid value edited in
    // later would fail requests instead of the start.
    string[] settingsReadOnce = ["--hostBuilder:reloadConfigOnChange=false"];
    string[] hostArgs = [.. settingsReadOnce, .. cli is null ? args : []];
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = ContentRoot.Choose(hostArgs) });
    // The build output's static web assets (wwwroot of each project) in every environment; a published folder has its own.
    builder.WebHost.UseStaticWebAssets();
    // A start that fails is explained in one line below; the host's own "Hosting failed to start" error would repeat it as
    // a stack trace. Once started, the host's errors (a background service that failed) are logged as usual.
    var started = false;
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", level => level >= LogLevel.Warning && (started || level != LogLevel.Error));
    if (cli is not null) builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddEnfixCore(builder.Configuration);
    // A verb's standard output may go to a pipe that keeps only its last line: a first run's generated password goes where
    // it cannot be lost.
    if (cli is not null) builder.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<AdminBootstrapper>(sp, Console.Error));
    builder.Services.AddEnfixApi(builder.Configuration);
    builder.Services.AddEnfixPortal();
    builder.Services.AddEnfixSecurity();

    var app = builder.Build();
    if (cli is not null)
        return await new CliRunner(app.Services, Console.Out, Console.Error).RunAsync(cli);

    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.Services.PrepareDatabaseAsync();

    app.UseEnfixApi();
    app.UseEnfixPortal();
    app.MapStaticAssets();
    app.MapHealth();
    app.MapEnfixApi();
    app.MapEnfixPortal();

    app.Lifetime.ApplicationStarted.Register(() => started = true);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Explain(ex) is { } failure)
{
    return failure.Report(Console.Error);
}

public partial class Program;
