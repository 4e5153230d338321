using EditorialBot.Bot.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Cluster;

internal static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// The gateway lease (first hosted service: everything registered after it starts on the lease holder only)
    /// and the Discord gate that follows it.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ClusterOptions.Read(configuration));
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
