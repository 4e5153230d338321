using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Storage;

public sealed class EditorialDbContextTests
{
    [Fact]
    public async Task Migrations_match_the_model_so_no_change_is_left_without_a_migration()
    {
        using var folder = new TempFolder();
        var path = folder.File("nested/new/editorial.db");
        var applied = await EditorialDatabase.MigrateAsync(path);

        await using var db = new EditorialDbContext(EditorialDatabase.Options(path));
        Assert.Equal("20261122000000_Initial", applied[0]);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.True(File.Exists(path));
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Empty(await EditorialDatabase.MigrateAsync(path));
    }

    [PostgresFact]
    public async Task PostgreSQL_migrations_match_the_model_and_create_the_database()
    {
        using var database = TestDatabase.CreateEmpty(StorageProvider.Postgres);
        var applied = await EditorialDatabase.MigrateAsync(database.Storage);

        await using var db = database.Open();
        Assert.True(db.Database.IsNpgsql());
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await EditorialDatabase.MigrateAsync(database.Storage));
        Assert.Equal(Lease.Gateway, (await db.Leases.SingleAsync()).Name);
    }

    [Fact]
    public async Task A_current_schema_is_recognised_without_ef_and_an_older_one_is_not()
    {
        using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        Assert.True(DatabaseFile.IsCurrent(database.Path));

        // One migration short of this build: the verbs must run EF's migrations, not skip them.
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM __EFMigrationsHistory WHERE MigrationId = {0}", DatabaseFile.LatestMigration()!);
        }
        Assert.False(DatabaseFile.IsCurrent(database.Path));
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_with_a_busy_timeout()
    {
        using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var db = database.Open();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("15000", Scalar(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Entities_round_trip_including_discord_ids_and_times()
    {
        using var database = await TestDatabase.CreateAsync();
        var at = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.FromHours(8));
        var id = Guid.NewGuid();
        await using (var db = database.Open())
        {
            db.Episodes.Add(new Episode
            {
                Id = id,
                Path = "2026/ep1.md",
                ContentHash = "c1",
                Title = "芯片",
                FirstSeenAt = at,
                UpdatedAt = at,
                TextChangedAt = at,
                ReviewMessageId = ulong.MaxValue / 2 + 12345,
                State = EpisodeState.InReview,
                Claims = [new Claim { Fingerprint = "f1", Text = "39万片", Kind = "quantity", Verdict = ClaimVerdict.NeedsSource, MessageId = 1_300_000_000_000_000_001 }],
                Votes = [new Vote { VoterId = "42", ContentHash = "c1", Kind = VoteKind.RequestChanges, Reason = "来源?", CastAt = at }],
            });
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            var episode = await db.Episodes.Include(e => e.Claims).Include(e => e.Votes).SingleAsync(e => e.Id == id);
            Assert.Equal(ulong.MaxValue / 2 + 12345, episode.ReviewMessageId);
            Assert.Equal(at, episode.FirstSeenAt);
            Assert.Equal(EpisodeState.InReview, episode.State);
            Assert.Equal(ClaimVerdict.NeedsSource, episode.Claims.Single().Verdict);
            Assert.Equal(1_300_000_000_000_000_001UL, episode.Claims.Single().MessageId);
            Assert.Equal("来源?", episode.Votes.Single().Reason);
            var newest = await db.Episodes.OrderByDescending(e => e.FirstSeenAt).Where(e => e.FirstSeenAt > at.AddDays(-1)).CountAsync();
            Assert.Equal(1, newest);
        }
    }

    [Fact]
    public async Task The_audit_log_is_append_only_even_through_raw_sql()
    {
        using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        db.AuditLog.Add(new AuditEntry { Actor = "ana", Action = "approve", At = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync();

        var entry = await db.AuditLog.SingleAsync();
        entry.Details = "rewritten";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditLog\" SET \"Actor\" = 'x'"));
        Assert.Contains("append-only", update.Message);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditLog\""));
        Assert.Equal(1, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task Concurrent_writers_queue_instead_of_failing()
    {
        using var database = await TestDatabase.CreateAsync();
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var db = database.Open();
            for (var n = 0; n < 10; n++)
            {
                await db.WriteAsync(async () =>
                {
                    var count = await db.SweepRuns.CountAsync();
                    db.SweepRuns.Add(new SweepRun { Trigger = $"w{i}-{count}" });
                });
            }
        }));
        await Task.WhenAll(writers);
        await using var check = database.Open();
        Assert.Equal(80, await check.SweepRuns.CountAsync());
    }

    private static string? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
