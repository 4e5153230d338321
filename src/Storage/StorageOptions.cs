namespace EditorialBot.Storage;

/// <summary>Which database the bot uses: the <c>Storage</c> section plus <c>ConnectionStrings:Editorial</c>.</summary>
public sealed record StorageOptions
{
    public const string ConnectionStringName = "Editorial";

    /// <summary><c>Storage:Provider</c>: <c>sqlite</c> (default, embedded) or <c>postgres</c> (shared by several instances).</summary>
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary><c>Storage:Database</c>: the SQLite file.</summary>
    public string Database { get; init; } = EditorialDatabase.DefaultPath;

    /// <summary><c>ConnectionStrings:Editorial</c>: the PostgreSQL connection string (ignored for SQLite).</summary>
    public string? ConnectionString { get; init; }

    public static StorageOptions Sqlite(string path) => new() { Provider = StorageProvider.Sqlite, Database = path };

    public static StorageOptions Postgres(string connectionString) => new() { Provider = StorageProvider.Postgres, ConnectionString = connectionString };

    /// <summary>Parses <c>Storage:Provider</c>; throws naming the key and the accepted values.</summary>
    public static StorageProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StorageProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => StorageProvider.Postgres,
        _ => throw new InvalidOperationException($"Storage:Provider '{value}' is not supported (use sqlite or postgres)"),
    };

    /// <summary>Refuses a configuration that cannot work, naming the key to fix.</summary>
    public void Validate()
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("Storage:Provider is postgres but ConnectionStrings:Editorial is empty (e.g. ConnectionStrings__Editorial='Host=db;Username=editorial;Password=…;Database=editorial')");
        }
        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(Database))
        {
            throw new InvalidOperationException("Storage:Database is empty (the SQLite file, e.g. data/editorial.db)");
        }
    }

    /// <summary>A short description for logs and messages, without the password.</summary>
    public override string ToString() => Provider == StorageProvider.Sqlite
        ? Database
        : new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ToString();
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
