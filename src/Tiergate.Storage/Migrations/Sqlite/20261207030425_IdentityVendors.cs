using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tiergate.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityVendors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_webhook_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_webhook_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_webhook_events_Vendor_EventId",
                table: "identity_webhook_events",
                columns: new[] { "Vendor", "EventId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_webhook_events");
        }
    }
}
