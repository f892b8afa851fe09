using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class MailMessageConfiguration : IEntityTypeConfiguration<MailMessage>
{
    public void Configure(EntityTypeBuilder<MailMessage> mail)
    {
        mail.Property(m => m.To).HasMaxLength(MailMessage.MaxAddressLength);
        mail.Property(m => m.Subject).HasMaxLength(MailMessage.MaxSubjectLength);
        mail.Property(m => m.Body).HasMaxLength(MailMessage.MaxBodyLength);
        mail.Property(m => m.LastError).HasMaxLength(WebhookDispatcher.MaxErrorLength);
        mail.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
