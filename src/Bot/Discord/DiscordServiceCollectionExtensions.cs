using EditorialBot.Bot.Discord.Gateway;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Discord;

internal static class DiscordServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DiscordOptions"/> (section "Discord"), one <see cref="DiscordRestClient"/> and one <see cref="DiscordGateway"/>.</summary>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DiscordOptions>(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Open unless the host registered its own gate first (the gateway lease of 'run').
        services.TryAddSingleton(new DiscordSendGate(static () => true));
        services.TryAddSingleton(sp => DiscordRestClient.Create(
            RequireToken(sp.GetRequiredService<IOptions<DiscordOptions>>().Value),
            sp.GetRequiredService<ILogger<DiscordRestClient>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<DiscordSendGate>()));
        services.TryAddSingleton(sp => new DiscordGateway(
            sp.GetRequiredService<IOptions<DiscordOptions>>().Value,
            sp.GetRequiredService<DiscordRestClient>(),
            sp.GetRequiredService<ILogger<DiscordGateway>>(),
            sp.GetRequiredService<TimeProvider>())
        { Gate = sp.GetRequiredService<DiscordSendGate>() });
        return services;
    }

    private static DiscordOptions RequireToken(DiscordOptions options) =>
        string.IsNullOrWhiteSpace(options.Token)
            ? throw new InvalidOperationException("Discord:Token is not set. Put the bot token in the Discord__Token environment variable (never in appsettings.json).")
            : options;
}
