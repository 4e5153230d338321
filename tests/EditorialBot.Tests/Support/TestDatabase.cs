using EditorialBot.Storage;

namespace EditorialBot.Tests.Support;

/// <summary>A real SQLite file in a temp folder, migrated, handing out fresh contexts.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly TempFolder _folder = new();

    private TestDatabase() => Path = _folder.File("db/editorial.db");

    public string Path { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase();
        await EditorialDatabase.MigrateAsync(db.Path);
        return db;
    }

    public EditorialDbContext Open() => new(EditorialDatabase.Options(Path));

    public void Dispose() => _folder.Dispose();
}
