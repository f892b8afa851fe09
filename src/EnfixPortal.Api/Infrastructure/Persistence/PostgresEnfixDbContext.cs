using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed class PostgresEnfixDbContext(DbContextOptions<PostgresEnfixDbContext> options) : EnfixDbContext(options);

/// <summary>For <c>dotnet ef migrations add</c> only: it builds the model and never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEnfixDbContext>
{
    public PostgresEnfixDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEnfixDbContext>().UseNpgsql("Host=localhost;Database=enfix_design").Options);
}
