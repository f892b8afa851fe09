using EnfixPortal.Api.Model;
using EnfixPortal.Api.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>The one model. Each provider has a subclass of its own only so that each keeps its own migrations.
/// It also keeps ASP.NET Core's Data Protection keys, so that every node behind a load balancer reads the others' cookies.</summary>
public abstract class EnfixDbContext(DbContextOptions options) : IdentityDbContext<EnfixUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PortalSession> PortalSessions => Set<PortalSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<TokenNotice> TokenNotices => Set<TokenNotice>();
    public DbSet<MailMessage> MailMessages => Set<MailMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC ticks: ordered, indexable and compared in SQL the same way on every provider.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<EnfixUser>(user =>
        {
            user.Property(u => u.Id).HasMaxLength(24);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasMany<Token>().WithOne(t => t.User).HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.ApplyConfiguration(new TokenConfiguration());
        builder.ApplyConfiguration(new AuditEventConfiguration());
        builder.ApplyConfiguration(new PortalSessionConfiguration());
        builder.ApplyConfiguration(new SignInFailureConfiguration());
        builder.ApplyConfiguration(new WebhookConfiguration());
        builder.ApplyConfiguration(new WebhookDeliveryConfiguration());
        builder.ApplyConfiguration(new TokenNoticeConfiguration());
        builder.ApplyConfiguration(new MailMessageConfiguration());
    }
}
