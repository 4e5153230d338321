using EditorialBot.Storage;

namespace EditorialBot.Tests.Support;

/// <summary>
/// A real, migrated database handing out fresh contexts: a SQLite file in a temp folder, or a new
/// PostgreSQL database. The provider is <see cref="DefaultProvider"/> unless asked for: <c>.ci/run</c>
/// runs the database-facing tests once per provider (<c>EDITORIALBOT_TEST_PROVIDER=postgres</c>).
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "EDITORIALBOT_TEST_PROVIDER";
    private readonly TempFolder _folder = new();

    private TestDatabase(StorageProvider provider)
    {
        Storage = provider == StorageProvider.Postgres
            ? new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = TestPostgres.CreateDatabase(), Database = _folder.File("db/editorial.db") }
            : StorageOptions.Sqlite(_folder.File("db/editorial.db"));
    }

    /// <summary>From <c>EDITORIALBOT_TEST_PROVIDER</c> (<c>sqlite</c> when unset).</summary>
    public static StorageProvider DefaultProvider => Environment.GetEnvironmentVariable(ProviderVariable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StorageProvider.Sqlite,
        "postgres" => StorageProvider.Postgres,
        var other => throw new InvalidOperationException($"{ProviderVariable}='{other}': use sqlite or postgres"),
    };

    public StorageOptions Storage { get; }

    /// <summary>The SQLite file (also the folder beside which SQLite lock files and session files go).</summary>
    public string Path => Storage.Database;

    /// <summary>The configuration keys that point a host at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Storage:Provider", Storage.Provider.ToString()),
        new("Storage:Database", Storage.Database),
        new("ConnectionStrings:Editorial", Storage.ConnectionString),
    ];

    /// <summary>The same keys as command-line overrides, for running a verb against this database.</summary>
    public string[] CliArgs => [.. Settings.Where(static s => s.Value is not null).Select(static s => $"--{s.Key}={s.Value}")];

    /// <summary>An empty database, not migrated.</summary>
    public static TestDatabase CreateEmpty(StorageProvider? provider = null) => new(provider ?? DefaultProvider);

    public static async Task<TestDatabase> CreateAsync(StorageProvider? provider = null)
    {
        var db = CreateEmpty(provider);
        await EditorialDatabase.MigrateAsync(db.Storage);
        return db;
    }

    public EditorialDbContext Open() => new(EditorialDatabase.Options(Storage));

    public void Dispose()
    {
        if (Storage.Provider == StorageProvider.Postgres)
        {
            TestPostgres.DropDatabase(Storage.ConnectionString!);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        _folder.Dispose();
    }
}
