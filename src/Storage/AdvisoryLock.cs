using System.Data.Common;
using Npgsql;

namespace EditorialBot.Storage;

/// <summary>PostgreSQL session advisory locks for <see cref="DatabaseLock"/>, each on a connection of its own.</summary>
internal static class AdvisoryLock
{
    /// <summary>The connection holding the lock, or null when another session holds it.</summary>
    public static async Task<DbConnection?> TryAcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            return connection;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Waits for the lock; returns the connection holding it.</summary>
    public static async Task<DbConnection> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static async Task ReleaseAsync(DbConnection connection, long key)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", (NpgsqlConnection)connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and with it the lock.
        }
        await connection.DisposeAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Its own connection: the lock lives exactly as long as the DatabaseLock, whatever the context does.
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
