using Microsoft.EntityFrameworkCore.Design;

namespace EditorialBot.Storage;

/// <summary>What <c>dotnet ef migrations add X --project src/Storage</c> builds the model with: the SQLite provider.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<EditorialDbContext>
{
    public EditorialDbContext CreateDbContext(string[] args) => new(EditorialDatabase.Options(EditorialDatabase.DefaultPath));
}
