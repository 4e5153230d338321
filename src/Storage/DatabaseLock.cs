using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EditorialBot.Storage;

/// <summary>
/// A named lock shared by every process on the same database, held until disposed or until the
/// process dies: a PostgreSQL session advisory lock on its own connection, or for SQLite an exclusive
/// lock on a file beside the database (the OS drops both when the process goes, so a crash never
/// leaves a lock behind).
/// </summary>
public sealed class DatabaseLock : IAsyncDisposable
{
    private static readonly TimeSpan s_filePoll = TimeSpan.FromMilliseconds(100);
    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;
    private readonly long _key;

    private DatabaseLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    private DatabaseLock(FileStream file) => _file = file;

    /// <summary>Takes the lock if nobody holds it; null when another process (or caller) does.</summary>
    public static async Task<DatabaseLock?> TryAcquireAsync(EditorialDbContext db, string name, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql())
        {
            var key = Key(name);
            var connection = await OpenAsync(db, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new DatabaseLock(connection, key);
            }
            await connection.DisposeAsync();
            return null;
        }
        return TryOpenFile(LockFile(db, name)) is { } file ? new DatabaseLock(file) : null;
    }

    /// <summary>Waits for the lock.</summary>
    public static async Task<DatabaseLock> AcquireAsync(EditorialDbContext db, string name, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql())
        {
            var key = Key(name);
            var connection = await OpenAsync(db, cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return new DatabaseLock(connection, key);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
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
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                command.Parameters.AddWithValue("key", _key);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone, and with it the lock.
            }
            await _connection.DisposeAsync();
        }
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(EditorialDbContext db, CancellationToken cancellationToken)
    {
        // Its own connection: the lock lives exactly as long as this object, whatever the context does.
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        return connection;
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
