using EditorialBot.Storage.Configuration;

namespace EditorialBot.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions : IValidatedOptions
{
    public static string Section => "Storage";

    /// <summary>The SQLite file, created on first use (relative paths are relative to the working folder).</summary>
    public string Database { get; set; } = EditorialDatabase.DefaultPath;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Database))
        {
            yield return $"Storage:Database is empty: set it to the database file, such as {EditorialDatabase.DefaultPath}.";
        }
    }
}
