using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TextSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Tokens",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

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
        }
    }
}
