namespace EditorialBot.Storage;

/// <summary>
/// The database file cannot be used as it is (empty, not SQLite, damaged, or its folder not writable). The message
/// names the file and says what to do; it is thrown before anything was changed, so callers refuse (exit 3).
/// </summary>
public sealed class DatabaseUnusableException(string path, string message, Exception? inner = null) : Exception(message, inner)
{
    public string DatabasePath { get; } = path;
}
