using EditorialBot.Storage.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EditorialBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="StorageOptions"/>, the database of <c>Storage:Provider</c> (the SQLite file <c>Storage:Database</c>, or PostgreSQL at <c>ConnectionStrings:Editorial</c>) as a context factory, and the
    /// <see cref="OutboxSignal"/> its contexts raise after committing outbox work.
    /// </summary>
    public static IServiceCollection AddEditorialStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSignalInterceptor>();
        services.AddDbContextFactory<EditorialDbContext>((sp, options) =>
        {
            EditorialDatabase.Configure(options, sp.GetRequiredService<IOptions<StorageOptions>>().Value);
            options.AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>());
        });
        return services;
    }
}
