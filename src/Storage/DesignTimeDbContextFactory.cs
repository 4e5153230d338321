using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EditorialBot.Storage;

/// <summary>
/// What <c>dotnet ef migrations add</c> builds the model with: the same options as the bot, over a
/// throwaway file (generating a migration never opens a real database).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EditorialDbContext>
{
    public EditorialDbContext CreateDbContext(string[] args)
    {
        // The model from OnModelCreating, never the compiled one: migrations and the compiled model are generated from it.
        var options = new DbContextOptionsBuilder<EditorialDbContext>();
        EditorialDatabase.ConfigureRuntimeModel(options, Path.Combine(Path.GetTempPath(), "editorialbot-design-time.db"));
        return new(options.Options);
    }
}
