using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public static class PersistenceServices
{
    public const string DefaultConnectionString = "Data Source=enfix.db";
    public const string DataProtectionApplicationName = "EnfixPortal";

    /// <summary>Registers the provider named by <c>Enfix:Database:Provider</c>; services only ever see <see cref="EnfixDbContext"/>.
    /// An unknown name registers SQLite and is then refused at start by the options validation, naming the key.</summary>
    public static IServiceCollection AddEnfixPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(connectionString),
                "ConnectionStrings:Enfix must name the PostgreSQL database when Enfix:Database:Provider is Postgres.")
            .ValidateOnStart();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        if (database.IsPostgres)
        {
            services.AddDbContextFactory<PostgresEnfixDbContext>(options => options.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<EnfixDbContext>, DerivedContextFactory<PostgresEnfixDbContext>>();
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresRevocationRelay>(sp, connectionString!));
            services.AddHostedService(sp => sp.GetRequiredService<PostgresRevocationRelay>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString)) connectionString = DefaultConnectionString;
            services.AddSingleton<SqlitePragmas>();
            services.AddSingleton<SqliteWriteGate>();
            services.AddDbContextFactory<SqliteEnfixDbContext>((sp, options) => options.UseSqlite(connectionString)
                .AddInterceptors(sp.GetRequiredService<SqlitePragmas>(), sp.GetRequiredService<SqliteWriteGate>()));
            services.AddSingleton<IDbContextFactory<EnfixDbContext>, DerivedContextFactory<SqliteEnfixDbContext>>();
        }
        services.AddScoped<EnfixDbContext>(sp => sp.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContext());
        // Cookies, antiforgery tokens and circuits are protected with keys every node reads from the one database.
        services.AddDataProtection().PersistKeysToDbContext<EnfixDbContext>().SetApplicationName(DataProtectionApplicationName);
        return services;
    }
}
