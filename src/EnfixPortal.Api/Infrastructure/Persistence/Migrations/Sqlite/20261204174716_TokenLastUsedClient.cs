using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastUsedUserAgent",
                table: "Tokens",
                type: "TEXT",
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
