using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure;

public static class NodeNoticeServices
{
    /// <summary>Registers how this node tells the others of a revocation or a change, and hears theirs: PostgreSQL's
    /// LISTEN/NOTIFY when the database is PostgreSQL, else a socket beside the SQLite file.</summary>
    public static IServiceCollection AddNodeNotices(this IServiceCollection services, IConfiguration configuration)
    {
        var (database, connectionString) = PersistenceServices.Target(configuration);
        if (database.IsPostgres)
        {
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresRevocationRelay>(sp, connectionString!));
            services.AddHostedService(sp => sp.GetRequiredService<PostgresRevocationRelay>());
            services.AddSingleton<IRunNotices>(sp => sp.GetRequiredService<PostgresRevocationRelay>());
        }
        else
        {
            var file = SqliteFile.FullPath(connectionString!);
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SqliteNoticeSocket>(sp, (string?)file!));
            services.AddHostedService(sp => sp.GetRequiredService<SqliteNoticeSocket>());
            services.AddSingleton<IRunNotices>(sp => sp.GetRequiredService<SqliteNoticeSocket>());
        }
        return services;
    }
}
