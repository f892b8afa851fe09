using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public static class PersistenceServices
{
    public const string DefaultConnectionString = "Data Source=enfix.db";
    public const string DataProtectionApplicationName = "EnfixPortal";

    /// <summary>Registers the provider named by <c>Enfix:Database:Provider</c>; services only ever see <see cref="EnfixDbContext"/>.
    /// An unknown name registers SQLite and is then refused at start by the options validation, naming the key.</summary>
    public static IServiceCollection AddEnfixPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var (database, connectionString) = Target(configuration);
        services.BindSettings<DatabaseOptions>(DatabaseOptions.Section)
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(connectionString),
                "ConnectionStrings:Enfix must name the PostgreSQL database when Enfix:Database:Provider is Postgres.");

        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<ChangeCapture>();
        if (database.IsPostgres)
        {
            services.AddDbContextFactory<PostgresEnfixDbContext>((sp, options) => options.UseNpgsql(connectionString)
                .AddInterceptors(sp.GetRequiredService<ChangeCapture>())
                .ConfigureWarnings(CountsNeedNoOrder));
            services.AddSingleton<IDbContextFactory<EnfixDbContext>, DerivedContextFactory<PostgresEnfixDbContext>>();
        }
        else
        {
            services.AddSingleton<SqlitePragmas>();
            services.AddSingleton<SqliteWriteGate>();
            services.AddDbContextFactory<SqliteEnfixDbContext>((sp, options) => options.UseSqlite(connectionString)
                .AddInterceptors(sp.GetRequiredService<SqlitePragmas>(), sp.GetRequiredService<SqliteWriteGate>(), sp.GetRequiredService<ChangeCapture>())
                .ConfigureWarnings(CountsNeedNoOrder));
            services.AddSingleton<IDbContextFactory<EnfixDbContext>, DerivedContextFactory<SqliteEnfixDbContext>>();
        }
        services.AddScoped<EnfixDbContext>(sp => sp.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContext());
        // Cookies, antiforgery tokens and circuits are protected with keys every node reads from the one database. The keys
        // are stored as written, protected by who may read the database — as the token hashes and password hashes beside them
        // are — so Data Protection's start-up warning that no XML encryptor is configured says nothing the operator can act on.
        services.AddDataProtection().PersistKeysToDbContext<EnfixDbContext>().SetApplicationName(DataProtectionApplicationName);
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));
        return services;
    }

    /// <summary>The database the configuration names: its options and connection string (SQLite's default file when none).</summary>
    public static (DatabaseOptions Database, string? ConnectionString) Target(IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        return (database, !database.IsPostgres && string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString);
    }

    /// <summary>The dashboard's and grids' limited counts read "at most N+1 rows" with Take and no OrderBy on purpose: any N+1
    /// rows will do, and an order would make the database sort what it only has to count.</summary>
    private static void CountsNeedNoOrder(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning);
}
