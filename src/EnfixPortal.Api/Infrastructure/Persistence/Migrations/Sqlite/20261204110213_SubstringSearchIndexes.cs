using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SubstringSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw SQL (not in the EF model): an FTS5 trigram index of token names, so that a search finds any 3 or more
            // characters anywhere in a name, in any case, through an index. Triggers keep it in step with "Tokens"; only
            // named tokens are indexed, so issuing a nameless login token costs nothing extra.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "TokenNameSearch" USING fts5("Name", content='Tokens', content_rowid='Id', tokenize='trigram');
                INSERT INTO "TokenNameSearch" (rowid, "Name") SELECT "Id", "Name" FROM "Tokens" WHERE "Name" IS NOT NULL;
                CREATE TRIGGER "Tokens_NameSearch_Insert" AFTER INSERT ON "Tokens" WHEN new."Name" IS NOT NULL BEGIN
                    INSERT INTO "TokenNameSearch" (rowid, "Name") VALUES (new."Id", new."Name");
                END;
                CREATE TRIGGER "Tokens_NameSearch_Delete" AFTER DELETE ON "Tokens" WHEN old."Name" IS NOT NULL BEGIN
                    INSERT INTO "TokenNameSearch" ("TokenNameSearch", rowid, "Name") VALUES ('delete', old."Id", old."Name");
                END;
                CREATE TRIGGER "Tokens_NameSearch_Update" AFTER UPDATE OF "Name" ON "Tokens" BEGIN
                    INSERT INTO "TokenNameSearch" ("TokenNameSearch", rowid, "Name") SELECT 'delete', old."Id", old."Name" WHERE old."Name" IS NOT NULL;
                    INSERT INTO "TokenNameSearch" (rowid, "Name") SELECT new."Id", new."Name" WHERE new."Name" IS NOT NULL;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raw SQL: undoes the above.
            migrationBuilder.Sql("""
                DROP TRIGGER "Tokens_NameSearch_Update";
                DROP TRIGGER "Tokens_NameSearch_Delete";
                DROP TRIGGER "Tokens_NameSearch_Insert";
                DROP TABLE "TokenNameSearch";
                """);
        }
    }
}
