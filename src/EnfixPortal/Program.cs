using EnfixPortal;
using EnfixPortal.Api;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Persistence;
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

// A CLI verb's options are not settings: only the web server reads its arguments as configuration.
// Settings are read once, at start, where they are validated (a restart applies a change): reloading appsettings.json
// would watch the whole content-root directory — where the SQLite file lives by default — and wake a thread on every
// write to the database, and an invalid value edited in later would fail requests instead of the start.
string[] settingsReadOnce = ["--hostBuilder:reloadConfigOnChange=false"];
var builder = WebApplication.CreateBuilder([.. settingsReadOnce, .. cli is null ? args : []]);
if (cli is not null) builder.Logging.SetMinimumLevel(LogLevel.Warning);
else
{
    try { SocketThreadHotPath.Configure(builder); }
    catch (InvalidOperationException ex)
    {
        Console.Error.WriteLine($"error: invalid setting: {ex.Message}");
        return 1;
    }
}
builder.Services.AddEnfixCore(builder.Configuration);
builder.Services.AddEnfixApi(builder.Configuration);
builder.Services.AddEnfixPortal();
builder.Services.AddEnfixSecurity();

var app = builder.Build();
if (cli is not null)
    return await new CliRunner(app.Services, Console.Out, Console.Error).RunAsync(cli);

try
{
    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.Services.PrepareDatabaseAsync();
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"error: invalid setting: {ex.Message}");
    return 1;
}

app.UseEnfixApi();
app.UseEnfixPortal();
app.MapStaticAssets();
app.MapHealth();
app.MapEnfixApi();
app.MapEnfixPortal();

await app.RunAsync();
return 0;

public partial class Program;
