using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Hosting;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite database at <c>Storage:Database</c> (default <c>data/editorial.db</c>), as a context factory.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var path = Settings.DatabasePath(configuration);
        services.AddSingleton(new DatabaseLocation(path));
        services.AddDbContextFactory<EditorialDbContext>(options => EditorialDatabase.Configure(options, path));
        return services;
    }
}

/// <summary>Which database file the host uses.</summary>
internal sealed record DatabaseLocation(string Path);
