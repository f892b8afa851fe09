using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenLastUsedClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastUsedAddress",
                table: "Tokens",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastUsedUserAgent",
                table: "Tokens",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastUsedAddress",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "LastUsedUserAgent",
                table: "Tokens");
        }
    }
}
