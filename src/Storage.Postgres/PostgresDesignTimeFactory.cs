using Microsoft.EntityFrameworkCore.Design;

namespace EditorialBot.Storage.Postgres;

/// <summary>
/// What <c>dotnet ef migrations add X --project src/Storage.Postgres</c> builds the model with: the same
/// context on the PostgreSQL provider. Generating a migration never connects, so the default
/// connection string only has to parse.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<EditorialDbContext>
{
    public EditorialDbContext CreateDbContext(string[] args) =>
        new(EditorialDatabase.Options(StorageOptions.Postgres(
            Environment.GetEnvironmentVariable("ConnectionStrings__Editorial") is { Length: > 0 } configured ? configured : "Host=localhost;Database=editorial")));
}
