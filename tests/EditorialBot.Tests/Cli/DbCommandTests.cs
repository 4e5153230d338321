using EditorialBot.Bot.Cli;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Tests.Cli;

public sealed class DbCommandTests
{
    [Fact]
    public async Task Db_backup_writes_a_consistent_copy_while_writers_keep_writing()
    {
        using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        using var folder = new TempFolder();
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            await using var db = database.Open();
            while (!stop.IsCancellationRequested)
            {
                await db.WriteAsync(() =>
                {
                    db.SweepRuns.Add(new SweepRun { Trigger = "load" });
                    db.AuditLog.Add(new AuditEntry { Actor = "load", Action = "write", At = DateTimeOffset.UnixEpoch });
                    return Task.CompletedTask;
                });
                Interlocked.Increment(ref written);
            }
        });
        await DeskEventually(() => Volatile.Read(ref written) > 20);

        var target = folder.File("backups/copy.db");
        var (code, _, stderr) = await CommandLineTests.Run("db", "backup", target, "--db", database.Path);
        var afterBackup = Volatile.Read(ref written);
        await stop.CancelAsync();
        await writer;

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Empty(Directory.GetFiles(folder.File("backups"), "*.tmp"));
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
        }
        await using var copy = new EditorialDbContext(EditorialDatabase.Options(target));
        var runs = await copy.SweepRuns.CountAsync();
        // A snapshot: every transaction whole (runs and audit entries in step), none after the copy finished.
        Assert.Equal(runs, await copy.AuditLog.CountAsync());
        Assert.InRange(runs, 20, afterBackup);
        Assert.Empty(await copy.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Db_backup_of_a_postgres_database_points_to_pg_dump()
    {
        var (code, _, stderr) = await CommandLineTests.Run("db", "backup", "x.db", "--Storage:Provider=postgres", "--ConnectionStrings:Editorial=Host=127.0.0.1;Database=none");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("pg_dump", stderr);
    }

    [Fact]
    public async Task A_postgres_provider_without_a_connection_string_is_refused_with_the_key_to_set()
    {
        var (code, _, stderr) = await CommandLineTests.Run("db", "migrate", "--Storage:Provider=postgres");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("ConnectionStrings:Editorial", stderr);
        var (unknown, _, error) = await CommandLineTests.Run("db", "migrate", "--Storage:Provider=mysql");
        Assert.Equal(ExitCodes.Usage, unknown);
        Assert.Contains("Storage:Provider is 'mysql'", error);
    }

    [PostgresFact]
    public async Task Db_migrate_creates_and_upgrades_a_postgres_database()
    {
        using var database = TestDatabase.CreateEmpty(StorageProvider.Postgres);
        string[] args = ["db", "migrate", "--Storage:Provider=postgres", $"--ConnectionStrings:Editorial={database.Storage.ConnectionString}"];

        var (code, _, stderr) = await CommandLineTests.Run(args);
        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("applied", stderr);
        Assert.DoesNotContain("Password", stderr);
        var (again, _, second) = await CommandLineTests.Run(args);
        Assert.Equal(ExitCodes.Success, again);
        Assert.Contains("up to date", second);
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static async Task DeskEventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
