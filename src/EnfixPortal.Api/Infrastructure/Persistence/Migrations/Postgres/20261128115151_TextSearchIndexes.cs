using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TextSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Accessor",
                table: "Tokens",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Tokens",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.Sql("UPDATE \"Tokens\" SET \"NameKey\" = lower(\"Name\") WHERE \"Name\" IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_Family_NameKey",
                table: "Tokens",
                columns: new[] { "Family", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_Hint",
                table: "Tokens",
                column: "Hint");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_Family_NameKey",
                table: "Tokens");

            migrationBuilder.DropIndex(
                name: "IX_Tokens_Hint",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Tokens");

            migrationBuilder.AlterColumn<string>(
                name: "Accessor",
                table: "Tokens",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24,
                oldCollation: "C");
        }
    }
}
