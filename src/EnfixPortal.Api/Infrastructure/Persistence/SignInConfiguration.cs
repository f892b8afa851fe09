using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.UserId).HasMaxLength(24);
        session.Property(s => s.ClientAddress).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(PortalSession.UserAgentLength);
        session.HasOne<EnfixUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
    }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> failure)
    {
        failure.HasKey(f => new { f.UserId, f.ClientAddress });
        failure.Property(f => f.UserId).HasMaxLength(24);
        failure.Property(f => f.ClientAddress).HasMaxLength(64);
        failure.HasOne<EnfixUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
