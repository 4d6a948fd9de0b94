using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tiergate.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PrivacyPermission",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Masked",
                table: "alerts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "UnmaskedAt",
                table: "alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmaskedBy",
                table: "alerts",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmaskedReason",
                table: "alerts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "monitor_state",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitor_state", x => x.Subject);
                });

            migrationBuilder.CreateTable(
                name: "responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<long>(type: "INTEGER", nullable: true),
                    Detector = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    DecidedReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_responses_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "traffic_buckets",
                columns: table => new
                {
                    Tier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HourStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Denied = table.Column<long>(type: "INTEGER", nullable: false),
                    Blocked = table.Column<long>(type: "INTEGER", nullable: false),
                    Flagged = table.Column<long>(type: "INTEGER", nullable: false),
                    Tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    Users = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_traffic_buckets", x => new { x.Tier, x.HourStart });
                });

            migrationBuilder.CreateIndex(
                name: "IX_responses_AlertId",
                table: "responses",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_responses_Status",
                table: "responses",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_responses_UserId",
                table: "responses",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monitor_state");

            migrationBuilder.DropTable(
                name: "responses");

            migrationBuilder.DropTable(
                name: "traffic_buckets");

            migrationBuilder.DropColumn(
                name: "PrivacyPermission",
                table: "users");

            migrationBuilder.DropColumn(
                name: "Masked",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "UnmaskedAt",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "UnmaskedBy",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "UnmaskedReason",
                table: "alerts");
        }
    }
}
