using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed class SqliteEnfixDbContext(DbContextOptions<SqliteEnfixDbContext> options) : EnfixDbContext(options);

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEnfixDbContext>
{
    public SqliteEnfixDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEnfixDbContext>().UseSqlite("Data Source=design.db").Options);
}
