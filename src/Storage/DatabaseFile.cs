using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EditorialBot.Storage;

/// <summary>
/// Checks on the SQLite file itself, before EF Core touches it: that it is a database at all, and whether its schema
/// is already current (then the verbs skip EF's migration machinery, which costs a short verb more than its work).
/// Every SQLite failure here becomes a <see cref="DatabaseUnusableException"/> naming the file and the remedy.
/// </summary>
internal static class DatabaseFile
{
    private static readonly byte[] s_header = "SQLite format 3\0"u8.ToArray();
    private static readonly Lazy<string?> s_latestMigration = new(LatestMigration);

    /// <summary>Refuses a file that exists but is empty or is not SQLite: opening it would "repair" it into an empty database.</summary>
    public static void CheckHeader(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return;
        }
        if (info.Length == 0)
        {
            throw new DatabaseUnusableException(path,
                $"database {path} is empty (0 bytes), so every review, vote and audit record in it is gone: restore it from a backup, "
                + "or delete it to start with a new empty database");
        }
        Span<byte> start = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnusableException(path, $"database {path} cannot be read ({ex.Message}): give this user read and write access to it and its folder", ex);
        }
        if (read < start.Length || !start.SequenceEqual(s_header))
        {
            throw new DatabaseUnusableException(path,
                $"database {path} is not a SQLite database (its first bytes are not SQLite's header): restore it from a backup, "
                + "or check Storage:Database / --db names the right file");
        }
    }

    /// <summary>True when the newest migration of this build is the newest applied one (a plain query, no EF model).</summary>
    public static bool IsCurrent(string path)
    {
        if (!File.Exists(path) || s_latestMigration.Value is not { } latest)
        {
            return false;
        }
        using var connection = new SqliteConnection(EditorialDatabase.ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        // The pragma answers with a row of its own ("wal"), so it cannot share ExecuteScalar with the query.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1;";
        try
        {
            return command.ExecuteScalar() is string applied && string.Equals(applied, latest, StringComparison.Ordinal);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 /* SQLITE_ERROR: no such table, i.e. a new file */)
        {
            return false;
        }
    }

    /// <summary>The id of the newest migration compiled into this assembly (what EF itself would read by reflection).</summary>
    internal static string? LatestMigration() =>
        typeof(DatabaseFile).Assembly.GetTypes()
            .Where(t => typeof(Migration).IsAssignableFrom(t) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(EditorialDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Max(StringComparer.Ordinal);

    /// <summary>The file and the remedy for a SQLite failure while opening or migrating.</summary>
    public static DatabaseUnusableException Explain(string path, SqliteException ex)
    {
        var sqlite = $"SQLite error {ex.SqliteErrorCode}: {ex.Message.Replace("SQLite Error ", "", StringComparison.Ordinal).TrimEnd('.')}";
        var advice = ex.SqliteErrorCode switch
        {
            8 or 14 => $"this user cannot write {path} or its folder (SQLite creates {Path.GetFileName(path)}-wal and -shm beside it): "
                + "make both writable, or set Storage:Database / --db to a writable place",
            11 or 26 => $"database {path} is damaged or not a database: restore it from a backup (sqlite3's .recover may salvage a copy)",
            13 => $"the disk holding {path} is full: free space and try again",
            5 or 6 => $"database {path} is locked by another process for longer than the busy timeout: stop the other writer and try again",
            _ => $"database {path} cannot be used: check it with 'editorialbot doctor'",
        };
        return new DatabaseUnusableException(path, $"{advice} ({sqlite})", ex);
    }
}
