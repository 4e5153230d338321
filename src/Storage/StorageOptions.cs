using EditorialBot.Storage.Configuration;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Storage;

/// <summary>
/// Configuration section <c>Storage</c>, plus the connection string <c>ConnectionStrings:Editorial</c>
/// that PostgreSQL needs (the usual place for one, so hosting platforms can inject it).
/// </summary>
public sealed class StorageOptions : IValidatedOptions
{
    public const string ConnectionStringName = "Editorial";

    public static string Section => "Storage";

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (default, embedded) or <c>Postgres</c> (one database shared by several instances).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file, created on first use (relative paths are relative to the working folder).</summary>
    public string Database { get; set; } = EditorialDatabase.DefaultPath;

    /// <summary><c>ConnectionStrings:Editorial</c> (outside the section, where hosting platforms put connection strings).</summary>
    public string? ConnectionString { get; internal set; }

    public static StorageOptions Sqlite(string path) => new() { Provider = StorageProvider.Sqlite, Database = path };

    public static StorageOptions Postgres(string connectionString) => new() { Provider = StorageProvider.Postgres, ConnectionString = connectionString };

    public void BindOutsideSection(IConfiguration configuration) => ConnectionString = configuration.GetConnectionString(ConnectionStringName);

    public IEnumerable<string> Problems()
    {
        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(Database))
        {
            yield return $"Storage:Database is empty: set it to the database file, such as {EditorialDatabase.DefaultPath}.";
        }
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Storage:Provider is Postgres but ConnectionStrings:Editorial is empty: set it (e.g. ConnectionStrings__Editorial='Host=db;Username=editorial;Password=…;Database=editorial').";
        }
        if (Provider == StorageProvider.Postgres && !string.IsNullOrWhiteSpace(ConnectionString) && PostgresOptions.CheckConnectionString(ConnectionString) is { } problem)
        {
            yield return $"ConnectionStrings:Editorial is not a valid PostgreSQL connection string ({problem}): use keys such as Host, Port, Username, Password, Database.";
        }
    }

    /// <summary>A short description for logs and messages, without the password.</summary>
    public override string ToString() => Provider == StorageProvider.Sqlite
        ? Database
        : PostgresOptions.WithoutPassword(ConnectionString);
}

/// <summary>The database engine behind <see cref="StorageOptions"/>.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
