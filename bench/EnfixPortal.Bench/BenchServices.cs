using EnfixPortal.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Bench;

/// <summary>The real service layer over a SQLite file (or a PostgreSQL database), as the server builds it, for the
/// in-process measurements.</summary>
public static class BenchServices
{
    public static ServiceProvider Build(string databasePath, string? adminPassword = null) =>
        Build($"Data Source={databasePath}", postgres: false, adminPassword);

    public static ServiceProvider Build(string connectionString, bool postgres, string? adminPassword = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Enfix"] = connectionString,
            ["Enfix:Database:Provider"] = postgres ? "Postgres" : "Sqlite",
            ["Enfix:Bootstrap:AdminPassword"] = adminPassword,
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(configuration);
        services.AddEnfixCore(configuration);
        return services.BuildServiceProvider();
    }
}
