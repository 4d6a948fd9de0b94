using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tiergate.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityVerifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Level",
                table: "identity_checks",
                newName: "Outcome");

            migrationBuilder.AddColumn<long>(
                name: "AffiliationExpiresAt",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "IdentityExpiresAt",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "IdentityVerifiedAt",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "identity_checks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "identity_checks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "VendorReference",
                table: "identity_checks",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "identity_checks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "identity_checks",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnReason",
                table: "identity_checks",
                type: "TEXT",
                nullable: true);

            // Each old check established a level: 1 verified, 2 affiliated (then in the renamed column). An affiliated
            // check becomes an identity record and an affiliation record; every old check was a verification that
            // succeeded (a level-0 one, which the verbs never wrote, counts as failed).
            migrationBuilder.Sql("""
                INSERT INTO identity_checks ("UserId", "Kind", "Method", "Outcome", "Evidence", "RecordedBy", "At")
                SELECT "UserId", 1, "Method", "Outcome", "Evidence", "RecordedBy", "At" FROM identity_checks WHERE "Outcome" = 2 AND "Kind" = 0;
                UPDATE identity_checks SET "Outcome" = CASE WHEN "Outcome" = 0 THEN 1 ELSE 0 END;
                UPDATE users SET "IdentityVerifiedAt" = (SELECT MAX(c."At") FROM identity_checks c WHERE c."UserId" = users."Id" AND c."Kind" = 0 AND c."Outcome" = 0)
                WHERE "IdentityLevel" > 0;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_identity_checks_Method_VendorReference",
                table: "identity_checks",
                columns: new[] { "Method", "VendorReference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_identity_checks_Method_VendorReference",
                table: "identity_checks");

            migrationBuilder.DropColumn(
                name: "AffiliationExpiresAt",
                table: "users");

            migrationBuilder.DropColumn(
                name: "IdentityExpiresAt",
                table: "users");

            migrationBuilder.DropColumn(
                name: "IdentityVerifiedAt",
                table: "users");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "identity_checks");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "identity_checks");

            migrationBuilder.DropColumn(
                name: "VendorReference",
                table: "identity_checks");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "identity_checks");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "identity_checks");

            migrationBuilder.DropColumn(
                name: "WithdrawnReason",
                table: "identity_checks");

            migrationBuilder.RenameColumn(
                name: "Outcome",
                table: "identity_checks",
                newName: "Level");
        }
    }
}
