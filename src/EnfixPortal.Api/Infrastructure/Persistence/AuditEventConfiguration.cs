using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.ActorId).HasMaxLength(24);
        audit.Property(a => a.ActorName).HasMaxLength(256);
        audit.Property(a => a.Action).HasMaxLength(64);
        audit.Property(a => a.TargetAccessor).HasMaxLength(24);
        audit.Property(a => a.TargetUserId).HasMaxLength(24);
        audit.Property(a => a.ClientAddress).HasMaxLength(64);
        audit.Property(a => a.Detail).HasMaxLength(500);
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.ActorId, a.At });
        audit.HasIndex(a => new { a.Action, a.At });
    }
}
