using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EditorialBot.Storage;

/// <summary>
/// Opens the database the way every part of the bot must. SQLite: WAL journal, a busy timeout, and
/// writes in <c>BEGIN IMMEDIATE</c> transactions so writers queue on SQLite's own lock (across threads
/// and processes, e.g. a CLI verb while the bot runs). PostgreSQL: each write transaction first takes
/// one transaction-scoped advisory lock, so writers queue the same way across machines and the
/// read-then-write rules (quorum, verdicts) see what the previous writer committed.
/// </summary>
public static class EditorialDatabase
{
    public const string DefaultPath = "data/editorial.db";
    /// <summary>PostgreSQL's migrations live in their own assembly (EF keeps one migration history per provider).</summary>
    public const string PostgresMigrationsAssembly = "EditorialBot.Storage.Postgres";
    private const int BusyTimeoutMs = 15_000;
    private static readonly long s_writerLockKey = DatabaseLock.Key("editorialbot:writer");

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = BusyTimeoutMs / 1000,
        Pooling = false,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder options, StorageOptions storage)
    {
        storage.Validate();
        if (storage.Provider == StorageProvider.Postgres)
        {
            options.UseNpgsql(storage.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
            return;
        }
        options.UseSqlite(ConnectionString(storage.Database)).AddInterceptors(PragmaInterceptor.Instance);
    }

    public static void Configure(DbContextOptionsBuilder options, string path) => Configure(options, StorageOptions.Sqlite(path));

    public static DbContextOptions<EditorialDbContext> Options(StorageOptions storage)
    {
        var builder = new DbContextOptionsBuilder<EditorialDbContext>();
        Configure(builder, storage);
        return builder.Options;
    }

    public static DbContextOptions<EditorialDbContext> Options(string path) => Options(StorageOptions.Sqlite(path));

    /// <summary>Creates the SQLite folder (or the PostgreSQL database) if needed and applies pending migrations. Returns the migrations applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(StorageOptions storage, CancellationToken cancellationToken = default)
    {
        if (storage.Provider == StorageProvider.Sqlite)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(storage.Database));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        await using var db = new EditorialDbContext(Options(storage));
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            // EF takes a database-wide migration lock, so instances starting together apply each migration once.
            await db.Database.MigrateAsync(cancellationToken);
        }
        return pending;
    }

    public static Task<IReadOnlyList<string>> MigrateAsync(string path, CancellationToken cancellationToken = default) =>
        MigrateAsync(StorageOptions.Sqlite(path), cancellationToken);

    /// <summary>Runs <paramref name="work"/> and saves inside one write transaction (one writer at a time, on either provider).</summary>
    public static async Task<T> WriteAsync<T>(this EditorialDbContext db, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var nested = await work();
            await db.SaveChangesAsync(cancellationToken);
            return nested;
        }
        // Microsoft.Data.Sqlite begins transactions as IMMEDIATE unless asked for deferred ones.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({s_writerLockKey})", cancellationToken);
        }
        var result = await work();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task WriteAsync(this EditorialDbContext db, Func<Task> work, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async () => { await work(); return true; }, cancellationToken);

    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}
