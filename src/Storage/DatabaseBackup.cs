using Microsoft.Data.Sqlite;

namespace EditorialBot.Storage;

/// <summary><c>db backup FILE</c>: a consistent copy of the SQLite database, safe while the bot runs.</summary>
public static class DatabaseBackup
{
    /// <summary>
    /// Writes a copy with <c>VACUUM INTO</c> (one read transaction, so it is a snapshot even while others
    /// write) to a temporary file beside <paramref name="target"/>, then renames it into place.
    /// </summary>
    public static async Task BackupSqliteAsync(string database, string target, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(database))
        {
            throw new FileNotFoundException($"{database}: no such database file", database);
        }
        var full = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():n}.tmp";
        try
        {
            await using (var connection = new SqliteConnection(EditorialDatabase.ConnectionString(database)))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout=15000; VACUUM INTO $target;";
                command.Parameters.AddWithValue("$target", temporary);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
