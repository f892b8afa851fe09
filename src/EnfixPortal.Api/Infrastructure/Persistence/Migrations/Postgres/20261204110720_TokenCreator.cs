using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenCreator : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedByAppTokenAccessor",
                table: "Tokens",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedByTokenAccessor",
                table: "Tokens",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedByUserId",
                table: "Tokens",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedVia",
                table: "Tokens",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_CreatedByTokenAccessor",
                table: "Tokens",
                column: "CreatedByTokenAccessor");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_CreatedByTokenAccessor",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "CreatedByAppTokenAccessor",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "CreatedByTokenAccessor",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "CreatedByUserId",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "CreatedVia",
                table: "Tokens");
        }
    }
}
