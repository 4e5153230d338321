using EditorialBot.Bot.Desk.Commands;
using EditorialBot.Bot.Discord;
using EditorialBot.Workflow.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EditorialBot.Bot.Desk;

internal static class DeskServiceCollectionExtensions
{
    /// <summary>The review desk: the Discord client, the Discord review channel, the slash commands and the hosted desk.</summary>
    public static IServiceCollection AddDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordClient(configuration);
        // Remember the gateway session next to the database unless configured: a restart resumes instead of identifying.
        services.PostConfigure<DiscordOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.SessionFile) && configuration["Discord:SessionFile"] is null)
            {
                o.SessionFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Hosting.Settings.DatabasePath(configuration)))!, "gateway-session.json");
            }
        });
        services.AddSingleton<IReviewChannel, DiscordReviewChannel>();
        services.AddSingleton<DeskServices>();
        services.AddSingleton<ReactionHandler>();
        services.AddSingleton<InteractionDispatcher>();

        // Editors
        services.AddSingleton<IDeskCommand, QueueCommand>();
        services.AddSingleton<IDeskCommand, ApproveEpisodeCommand>();
        services.AddSingleton<IDeskCommand, RequestChangesCommand>();
        services.AddSingleton<IDeskCommand, ClearChangesCommand>();
        services.AddSingleton<IDeskCommand, ClaimVerdictCommand>();
        services.AddSingleton<IDeskCommand>(sp => new EpisodeDetailsCommand(sp.GetRequiredService<DeskServices>(), audit: false));
        // Admins
        services.AddSingleton<IDeskCommand, SweepNowCommand>();
        services.AddSingleton<IDeskCommand, PublishEpisodeCommand>();
        services.AddSingleton<IDeskCommand, UnpublishEpisodeCommand>();
        services.AddSingleton<IDeskCommand, SettingsCommand>();
        services.AddSingleton<IDeskCommand, DeliveriesCommand>();
        services.AddSingleton<IDeskCommand>(sp => new EpisodeDetailsCommand(sp.GetRequiredService<DeskServices>(), audit: true));

        services.AddHostedService<DeskService>();
        return services;
    }
}
