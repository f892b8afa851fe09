using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public static class PersistenceServices
{
    public const string DefaultConnectionString = "Data Source=enfix.db";

    public static IServiceCollection AddEnfixPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString)) connectionString = DefaultConnectionString;

        services.AddSingleton<SqlitePragmas>();
        services.AddDbContextFactory<SqliteEnfixDbContext>((sp, options) =>
            options.UseSqlite(connectionString).AddInterceptors(sp.GetRequiredService<SqlitePragmas>()));
        services.AddSingleton<IDbContextFactory<EnfixDbContext>, DerivedContextFactory<SqliteEnfixDbContext>>();
        services.AddScoped<EnfixDbContext>(sp => sp.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContext());
        return services;
    }
}
