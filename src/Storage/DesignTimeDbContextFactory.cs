using Microsoft.EntityFrameworkCore.Design;

namespace EditorialBot.Storage;

/// <summary>
/// What <c>dotnet ef migrations add</c> builds the model with: the same options as the bot, over a
/// throwaway file (generating a migration never opens a real database).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EditorialDbContext>
{
    public EditorialDbContext CreateDbContext(string[] args) =>
        new(EditorialDatabase.Options(Path.Combine(Path.GetTempPath(), "editorialbot-design-time.db")));
}
