using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class TokenConfiguration : IEntityTypeConfiguration<Token>
{
    public void Configure(EntityTypeBuilder<Token> token)
    {
        token.Property(t => t.Accessor).HasMaxLength(TokenSecrets.AccessorLength);
        token.Property(t => t.SecretHash).HasMaxLength(32);
        token.Property(t => t.Hint).HasMaxLength(TokenSecrets.HintLength);
        token.Property(t => t.Name).HasMaxLength(200);
        token.Property(t => t.NameKey).HasMaxLength(200);
        token.Property(t => t.UserId).HasMaxLength(24);
        token.Property(t => t.IssuedById).HasMaxLength(24);
        token.Property(t => t.LoginAppTokenAccessor).HasMaxLength(TokenSecrets.AccessorLength);
        token.Property(t => t.CreatedByUserId).HasMaxLength(24);
        token.Property(t => t.CreatedByAppTokenAccessor).HasMaxLength(TokenSecrets.AccessorLength);
        token.Property(t => t.CreatedByTokenAccessor).HasMaxLength(TokenSecrets.AccessorLength);
        token.Property(t => t.Scopes).HasMaxLength(TokenScopes.MaxStoredLength);
        token.Property(t => t.LastUsedAddress).HasMaxLength(TokenClient.MaxAddressLength);
        token.Property(t => t.LastUsedUserAgent).HasMaxLength(TokenClient.MaxUserAgentLength);
        token.HasIndex(t => t.Accessor).IsUnique();
        // A token's children: what an early expiry of the parent reaches.
        token.HasIndex(t => t.CreatedByTokenAccessor);
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.Property(t => t.PreviousSecretHash).HasMaxLength(32);
        // The validator looks a secret up by its hash among the current and the rotated-out secrets.
        token.HasIndex(t => t.PreviousSecretHash).IsUnique();
        // Grid and list queries, newest first or by expiry: per family, per kind, per owner. (Kind, ExpiresAt) also
        // serves the purge of old login tokens; (Family, ExpiresAt) the dashboard's active and expiring counts.
        token.HasIndex(t => new { t.Family, t.CreatedAt });
        token.HasIndex(t => new { t.Family, t.ExpiresAt });
        token.HasIndex(t => new { t.Kind, t.CreatedAt });
        token.HasIndex(t => new { t.Kind, t.ExpiresAt });
        token.HasIndex(t => new { t.UserId, t.Family, t.CreatedAt });
        // Text search: the start of a name (short text), the hint, the start of an accessor; each an index range.
        // Text inside a name has a trigram index of its own, made in raw SQL by the SubstringSearchIndexes migration.
        token.HasIndex(t => new { t.Family, t.NameKey });
        token.HasIndex(t => t.Hint);
    }
}
