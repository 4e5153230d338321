using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Storage;

/// <summary>
/// A named lock shared by every process on the same database, held until disposed or until the
/// process dies: a PostgreSQL session advisory lock on its own connection, or for SQLite an exclusive
/// lock on a file beside the database (the OS drops both when the process goes, so a crash never
/// leaves a lock behind). Npgsql's types stay in <see cref="AdvisoryLock"/>, so a SQLite process never loads them.
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private static readonly TimeSpan s_filePoll = TimeSpan.FromMilliseconds(100);
    private readonly DbConnection? _connection;
    private readonly FileStream? _file;
    private readonly long _key;

    private DatabaseLock(DbConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    private DatabaseLock(FileStream file) => _file = file;

    /// <summary>Takes the lock if nobody holds it; null when another process (or caller) does.</summary>
    public static async Task<DatabaseLock?> TryAcquireAsync(EditorialDbContext db, string name, CancellationToken cancellationToken = default)
    {
        if (EditorialDatabase.IsPostgres(db))
        {
            var key = Key(name);
            var connection = await AdvisoryLock.TryAcquireAsync(db.Database.GetConnectionString()!, key, cancellationToken);
            return connection is null ? null : new DatabaseLock(connection, key);
        }
        return TryOpenFile(LockFile(db, name)) is { } file ? new DatabaseLock(file) : null;
    }

    /// <summary>Waits for the lock.</summary>
    public static async Task<DatabaseLock> AcquireAsync(EditorialDbContext db, string name, CancellationToken cancellationToken = default)
    {
        if (EditorialDatabase.IsPostgres(db))
        {
            var key = Key(name);
            return new DatabaseLock(await AdvisoryLock.AcquireAsync(db.Database.GetConnectionString()!, key, cancellationToken), key);
        }
        var path = LockFile(db, name);
        while (true)
        {
            if (TryOpenFile(path) is { } file)
            {
                return new DatabaseLock(file);
            }
            await Task.Delay(s_filePoll, cancellationToken);
        }
    }

    /// <summary>A stable 64-bit key for a lock name (FNV-1a), the same in every process and release.</summary>
    public static long Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await AdvisoryLock.ReleaseAsync(_connection, _key);
        }
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }

    private static string LockFile(EditorialDbContext db, string name)
    {
        var database = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
        return $"{Path.GetFullPath(database)}.{safe}.lock";
    }

    private static FileStream? TryOpenFile(string path)
    {
        try
        {
            // FileShare.None is an exclusive flock on Unix and a share lock on Windows: other processes and other handles are refused.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
