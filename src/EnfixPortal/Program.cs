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
var builder = WebApplication.CreateBuilder(cli is null ? args : []);
if (cli is not null) builder.Logging.SetMinimumLevel(LogLevel.Warning);
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
