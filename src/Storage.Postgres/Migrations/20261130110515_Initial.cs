using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EditorialBot.Storage.Postgres.Migrations;

/// <inheritdoc />
public partial class Initial : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditLog",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<long>(type: "bigint", nullable: false),
                Actor = table.Column<string>(type: "text", nullable: false),
                Action = table.Column<string>(type: "text", nullable: false),
                EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                ContentHash = table.Column<string>(type: "text", nullable: true),
                Details = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditLog", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Episodes",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Path = table.Column<string>(type: "text", nullable: false),
                ContentHash = table.Column<string>(type: "text", nullable: false),
                BodyHash = table.Column<string>(type: "text", nullable: true),
                TextHash = table.Column<string>(type: "text", nullable: true),
                Title = table.Column<string>(type: "text", nullable: true),
                Summary = table.Column<string>(type: "text", nullable: true),
                Source = table.Column<string>(type: "text", nullable: true),
                Speaker = table.Column<string>(type: "text", nullable: true),
                EpisodeDate = table.Column<string>(type: "text", nullable: true),
                Tags = table.Column<string>(type: "text", nullable: true),
                Warnings = table.Column<string>(type: "text", nullable: true),
                State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                FirstSeenAt = table.Column<long>(type: "bigint", nullable: false),
                UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                TextChangedAt = table.Column<long>(type: "bigint", nullable: false),
                LastSeenAt = table.Column<long>(type: "bigint", nullable: true),
                PublishedAt = table.Column<long>(type: "bigint", nullable: true),
                PublishedBy = table.Column<string>(type: "text", nullable: true),
                PublishCommit = table.Column<string>(type: "text", nullable: true),
                StatusBeforePublish = table.Column<string>(type: "text", nullable: true),
                DraftBeforePublish = table.Column<string>(type: "text", nullable: true),
                Error = table.Column<string>(type: "text", nullable: true),
                PendingChange = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                PendingBy = table.Column<string>(type: "text", nullable: true),
                PendingSince = table.Column<long>(type: "bigint", nullable: true),
                ReviewMessageId = table.Column<decimal>(type: "numeric(20,0)", nullable: true),
                ReviewThreadId = table.Column<decimal>(type: "numeric(20,0)", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Episodes", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Leases",
            columns: table => new
            {
                Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                ExpiresAt = table.Column<long>(type: "bigint", nullable: false),
                Term = table.Column<long>(type: "bigint", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Leases", x => x.Name);
            });

        migrationBuilder.CreateTable(
            name: "MessageReactions",
            columns: table => new
            {
                MessageId = table.Column<decimal>(type: "numeric(20,0)", nullable: false),
                Emoji = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                UserId = table.Column<decimal>(type: "numeric(20,0)", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageReactions", x => new { x.MessageId, x.Emoji, x.UserId });
            });

        migrationBuilder.CreateTable(
            name: "Outbox",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                Payload = table.Column<string>(type: "text", nullable: true),
                CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                Attempts = table.Column<int>(type: "integer", nullable: false),
                NextAttemptAt = table.Column<long>(type: "bigint", nullable: true),
                LastError = table.Column<string>(type: "text", nullable: true),
                DeliveredAt = table.Column<long>(type: "bigint", nullable: true),
                ParkedAt = table.Column<long>(type: "bigint", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Outbox", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "RuntimeSettings",
            columns: table => new
            {
                Key = table.Column<string>(type: "text", nullable: false),
                Value = table.Column<string>(type: "text", nullable: false),
                UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                UpdatedBy = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RuntimeSettings", x => x.Key);
            });

        migrationBuilder.CreateTable(
            name: "ScannedFiles",
            columns: table => new
            {
                Path = table.Column<string>(type: "text", nullable: false),
                Size = table.Column<long>(type: "bigint", nullable: false),
                ModifiedTicks = table.Column<long>(type: "bigint", nullable: false),
                ContentHash = table.Column<string>(type: "text", nullable: false),
                Draft = table.Column<bool>(type: "boolean", nullable: false),
                Error = table.Column<string>(type: "text", nullable: true),
                EpisodeId = table.Column<Guid>(type: "uuid", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScannedFiles", x => x.Path);
            });

        migrationBuilder.CreateTable(
            name: "SweepRuns",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Trigger = table.Column<string>(type: "text", nullable: false),
                StartedAt = table.Column<long>(type: "bigint", nullable: false),
                FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                DurationMs = table.Column<long>(type: "bigint", nullable: false),
                Files = table.Column<int>(type: "integer", nullable: false),
                Drafts = table.Column<int>(type: "integer", nullable: false),
                New = table.Column<int>(type: "integer", nullable: false),
                Changed = table.Column<int>(type: "integer", nullable: false),
                Moved = table.Column<int>(type: "integer", nullable: false),
                Gone = table.Column<int>(type: "integer", nullable: false),
                Published = table.Column<int>(type: "integer", nullable: false),
                Errors = table.Column<int>(type: "integer", nullable: false),
                Broken = table.Column<int>(type: "integer", nullable: false),
                Unchanged = table.Column<int>(type: "integer", nullable: false),
                Failure = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SweepRuns", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Claims",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                Fingerprint = table.Column<string>(type: "text", nullable: false),
                Text = table.Column<string>(type: "text", nullable: false),
                Kind = table.Column<string>(type: "text", nullable: false),
                Line = table.Column<int>(type: "integer", nullable: false),
                Score = table.Column<double>(type: "double precision", nullable: false),
                Number = table.Column<int>(type: "integer", nullable: false),
                Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "Check"),
                Lines = table.Column<string>(type: "text", nullable: true),
                Aliases = table.Column<string>(type: "text", nullable: true),
                Before = table.Column<string>(type: "text", nullable: true),
                After = table.Column<string>(type: "text", nullable: true),
                Verdict = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                VerdictBy = table.Column<string>(type: "text", nullable: true),
                VerdictByName = table.Column<string>(type: "text", nullable: true),
                VerdictAt = table.Column<long>(type: "bigint", nullable: true),
                VerdictNote = table.Column<string>(type: "text", nullable: true),
                VerdictByReaction = table.Column<bool>(type: "boolean", nullable: false),
                Active = table.Column<bool>(type: "boolean", nullable: false),
                FirstSeenAt = table.Column<long>(type: "bigint", nullable: false),
                GoneAt = table.Column<long>(type: "bigint", nullable: true),
                PostedAt = table.Column<long>(type: "bigint", nullable: true),
                MessageId = table.Column<decimal>(type: "numeric(20,0)", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Claims", x => x.Id);
                table.ForeignKey(
                    name: "FK_Claims_Episodes_EpisodeId",
                    column: x => x.EpisodeId,
                    principalTable: "Episodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Votes",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                VoterId = table.Column<string>(type: "text", nullable: false),
                VoterName = table.Column<string>(type: "text", nullable: true),
                Reason = table.Column<string>(type: "text", nullable: true),
                ContentHash = table.Column<string>(type: "text", nullable: false),
                TextHash = table.Column<string>(type: "text", nullable: true),
                CastAt = table.Column<long>(type: "bigint", nullable: false),
                Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                EndedAt = table.Column<long>(type: "bigint", nullable: true),
                EndedBy = table.Column<string>(type: "text", nullable: true),
                EndReason = table.Column<string>(type: "text", nullable: true)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Votes", x => x.Id);
                table.ForeignKey(
                    name: "FK_Votes_Episodes_EpisodeId",
                    column: x => x.EpisodeId,
                    principalTable: "Episodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.InsertData(
            table: "Leases",
            columns: new[] { "Name", "ExpiresAt", "Owner", "Term" },
            values: new object[] { "gateway", 621355968000000000L, "", 0L });

        // The audit log is append-only even for raw SQL (EditorialDbContext refuses it earlier with a clearer message).
        migrationBuilder.Sql("""
            CREATE FUNCTION "AuditLog_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log is append-only';
            END;
            $$;
            CREATE TRIGGER "AuditLog_NoUpdate" BEFORE UPDATE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "AuditLog_AppendOnly"();
            CREATE TRIGGER "AuditLog_NoDelete" BEFORE DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "AuditLog_AppendOnly"();
            CREATE TRIGGER "AuditLog_NoTruncate" BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION "AuditLog_AppendOnly"();
            """);

        migrationBuilder.CreateIndex(
            name: "IX_AuditLog_EpisodeId",
            table: "AuditLog",
            column: "EpisodeId");

        migrationBuilder.CreateIndex(
            name: "IX_Claims_EpisodeId_Fingerprint",
            table: "Claims",
            columns: new[] { "EpisodeId", "Fingerprint" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Episodes_ContentHash",
            table: "Episodes",
            column: "ContentHash");

        migrationBuilder.CreateIndex(
            name: "IX_Episodes_Path",
            table: "Episodes",
            column: "Path");

        migrationBuilder.CreateIndex(
            name: "IX_Episodes_State",
            table: "Episodes",
            column: "State");

        migrationBuilder.CreateIndex(
            name: "IX_Outbox_DeliveredAt_EpisodeId",
            table: "Outbox",
            columns: new[] { "DeliveredAt", "EpisodeId" });

        migrationBuilder.CreateIndex(
            name: "IX_ScannedFiles_EpisodeId",
            table: "ScannedFiles",
            column: "EpisodeId");

        migrationBuilder.CreateIndex(
            name: "IX_Votes_EpisodeId_Status",
            table: "Votes",
            columns: new[] { "EpisodeId", "Status" });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP FUNCTION "AuditLog_AppendOnly"() CASCADE;""");

        migrationBuilder.DropTable(
            name: "AuditLog");

        migrationBuilder.DropTable(
            name: "Claims");

        migrationBuilder.DropTable(
            name: "Leases");

        migrationBuilder.DropTable(
            name: "MessageReactions");

        migrationBuilder.DropTable(
            name: "Outbox");

        migrationBuilder.DropTable(
            name: "RuntimeSettings");

        migrationBuilder.DropTable(
            name: "ScannedFiles");

        migrationBuilder.DropTable(
            name: "SweepRuns");

        migrationBuilder.DropTable(
            name: "Votes");

        migrationBuilder.DropTable(
            name: "Episodes");
    }
}
