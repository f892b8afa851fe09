using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>Lets services ask for the provider-neutral <see cref="EnfixDbContext"/> while the provider's subclass is what is built.</summary>
internal sealed class DerivedContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<EnfixDbContext>
    where TContext : EnfixDbContext
{
    public EnfixDbContext CreateDbContext() => inner.CreateDbContext();
}
