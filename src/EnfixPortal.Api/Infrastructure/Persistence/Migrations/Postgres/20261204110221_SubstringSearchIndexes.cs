using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SubstringSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw SQL (not in the EF model): pg_trgm GIN indexes, so that LIKE '%text%' on a token's name and on a user's
            // name reads an index. pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may
            // create it; otherwise a superuser runs CREATE EXTENSION pg_trgm once before this migration.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX "IX_Tokens_NameKey_Trigram" ON "Tokens" USING gin ("NameKey" gin_trgm_ops);
                CREATE INDEX "IX_AspNetUsers_NormalizedUserName_Trigram" ON "AspNetUsers" USING gin ("NormalizedUserName" gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raw SQL: undoes the above (the extension stays: other objects may use it).
            migrationBuilder.Sql("""
                DROP INDEX "IX_AspNetUsers_NormalizedUserName_Trigram";
                DROP INDEX "IX_Tokens_NameKey_Trigram";
                """);
        }
    }
}
