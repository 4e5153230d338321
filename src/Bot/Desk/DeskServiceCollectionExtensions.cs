using EditorialBot.Bot.Desk.Commands;
using EditorialBot.Bot.Discord;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

internal static class DeskServiceCollectionExtensions
{
    /// <summary>The review desk: the Discord client and its options, the Discord review channel, the slash commands and the hosted desk.</summary>
    public static IServiceCollection AddEditorialDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordClient(configuration);
        // Unset, the gateway session is remembered next to the database: a restart resumes instead of identifying.
        services.AddOptions<DiscordOptions>().Configure<IOptions<StorageOptions>>((discord, storage) =>
            discord.SessionFile ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.Database))!, "gateway-session.json"));
        services.AddSingleton<IReviewChannel, DiscordReviewChannel>();
        services.AddSingleton<DeskOutcome>();
        services.AddSingleton<UnmatchedReactions>();
        services.AddSingleton<ReactionHandler>();
        services.AddSingleton<InteractionDispatcher>();

        // Editors
        services.AddSingleton<IDeskCommand, QueueCommand>();
        services.AddSingleton<IDeskCommand, ApproveEpisodeCommand>();
        services.AddSingleton<IDeskCommand, RequestChangesCommand>();
        services.AddSingleton<IDeskCommand, ClearChangesCommand>();
        services.AddSingleton<IDeskCommand, ClaimVerdictCommand>();
        services.AddSingleton<IDeskCommand>(sp => ActivatorUtilities.CreateInstance<EpisodeDetailsCommand>(sp, false));
        // Admins
        services.AddSingleton<IDeskCommand, SweepNowCommand>();
        services.AddSingleton<IDeskCommand, PublishEpisodeCommand>();
        services.AddSingleton<IDeskCommand, UnpublishEpisodeCommand>();
        services.AddSingleton<IDeskCommand, SettingsCommand>();
        services.AddSingleton<IDeskCommand, DeliveriesCommand>();
        services.AddSingleton<IDeskCommand>(sp => ActivatorUtilities.CreateInstance<EpisodeDetailsCommand>(sp, true));

        services.AddHostedService<DeskService>();
        return services;
    }
}
