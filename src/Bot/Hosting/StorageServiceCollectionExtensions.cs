using EditorialBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Hosting;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The database of <c>Storage:Provider</c> (SQLite at <c>Storage:Database</c>, or PostgreSQL at <c>ConnectionStrings:Editorial</c>), as a context factory.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = Settings.Storage(configuration);
        services.AddSingleton(storage);
        services.AddDbContextFactory<EditorialDbContext>(options => EditorialDatabase.Configure(options, storage));
        return services;
    }
}
