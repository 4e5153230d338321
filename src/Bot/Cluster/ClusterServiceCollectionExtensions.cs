using EditorialBot.Bot.Discord;
using EditorialBot.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Cluster;

internal static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ClusterOptions"/>, the gateway lease (a hosted service registered before everything that talks
    /// to Discord or runs jobs, so those start on the lease holder only) and the Discord gate that follows it.
    /// </summary>
    public static IServiceCollection AddEditorialCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClusterOptions>(configuration);
        services.AddSingleton<GatewayLease>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayLease>());
        services.AddSingleton(sp =>
        {
            var lease = sp.GetRequiredService<GatewayLease>();
            return new DiscordSendGate(() => lease.IsHeld);
        });
        return services;
    }
}
