using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.Property(w => w.PublicId).HasMaxLength(24);
        webhook.HasIndex(w => w.PublicId).IsUnique();
        webhook.Property(w => w.Url).HasMaxLength(WebhookAddresses.MaxUrlLength);
        webhook.Property(w => w.Events).HasMaxLength(1000);
        webhook.Ignore(w => w.EventList);
        webhook.HasMany<WebhookDelivery>().WithOne().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.MessageId).HasMaxLength(40);
        delivery.Property(d => d.EventType).HasMaxLength(64);
        delivery.Property(d => d.LastError).HasMaxLength(WebhookDispatcher.MaxErrorLength);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.WebhookId, d.Id });
    }
}

internal sealed class TokenNoticeConfiguration : IEntityTypeConfiguration<TokenNotice>
{
    public void Configure(EntityTypeBuilder<TokenNotice> notice)
    {
        notice.HasIndex(n => new { n.TokenId, n.DaysBefore, n.ExpiresAt }).IsUnique();
        notice.HasOne<Token>().WithMany().HasForeignKey(n => n.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}
