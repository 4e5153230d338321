using Microsoft.EntityFrameworkCore.Design;

namespace EditorialBot.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the bot.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EditorialDbContext>
{
    public EditorialDbContext CreateDbContext(string[] args) => new(EditorialDatabase.Options(EditorialDatabase.DefaultPath));
}
