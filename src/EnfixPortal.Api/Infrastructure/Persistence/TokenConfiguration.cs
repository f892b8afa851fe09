using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class TokenConfiguration : IEntityTypeConfiguration<Token>
{
    public void Configure(EntityTypeBuilder<Token> token)
    {
        token.Property(t => t.Accessor).HasMaxLength(TokenSecrets.AccessorLength);
        token.Property(t => t.SecretHash).HasMaxLength(32);
        token.Property(t => t.Hint).HasMaxLength(TokenSecrets.HintLength);
        token.Property(t => t.Name).HasMaxLength(200);
        token.Property(t => t.UserId).HasMaxLength(24);
        token.Property(t => t.IssuedById).HasMaxLength(24);
        token.Property(t => t.LoginAppTokenAccessor).HasMaxLength(TokenSecrets.AccessorLength);
        token.HasIndex(t => t.Accessor).IsUnique();
        token.HasIndex(t => t.SecretHash).IsUnique();
        // Grid and list queries: newest first per kind, per owner, and by expiry (status filters, purge, dashboard).
        token.HasIndex(t => new { t.Kind, t.CreatedAt });
        token.HasIndex(t => new { t.UserId, t.Kind, t.CreatedAt });
        token.HasIndex(t => new { t.Kind, t.ExpiresAt });
    }
}
