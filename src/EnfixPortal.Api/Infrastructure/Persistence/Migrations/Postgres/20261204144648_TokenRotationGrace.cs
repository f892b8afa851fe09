using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnfixPortal.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenRotationGrace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreviousSecretEndsAt",
                table: "Tokens",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSecretHash",
                table: "Tokens",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_PreviousSecretHash",
                table: "Tokens",
                column: "PreviousSecretHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_PreviousSecretHash",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "PreviousSecretEndsAt",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "PreviousSecretHash",
                table: "Tokens");
        }
    }
}
