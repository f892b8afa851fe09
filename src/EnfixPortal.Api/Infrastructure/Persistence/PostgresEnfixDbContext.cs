using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EnfixPortal.Api.Infrastructure.Persistence;

public sealed class PostgresEnfixDbContext(DbContextOptions<PostgresEnfixDbContext> options) : EnfixDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Prefix searches are byte-order ranges (as on SQLite); a linguistic collation could skip punctuation.
        builder.Entity<Model.Token>().Property(t => t.NameKey).UseCollation("C");
        builder.Entity<Model.Token>().Property(t => t.Accessor).UseCollation("C");
    }
}

/// <summary>For <c>dotnet ef migrations add</c> only: it builds the model and never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEnfixDbContext>
{
    public PostgresEnfixDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEnfixDbContext>().UseNpgsql("Host=localhost;Database=enfix_design").Options);
}
