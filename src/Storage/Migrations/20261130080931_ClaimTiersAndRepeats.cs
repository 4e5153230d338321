using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EditorialBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ClaimTiersAndRepeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "After",
                table: "Claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Aliases",
                table: "Claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Before",
                table: "Claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Lines",
                table: "Claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tier",
                table: "Claims",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Check");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "After",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "Aliases",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "Before",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "Lines",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "Tier",
                table: "Claims");
        }
    }
}
