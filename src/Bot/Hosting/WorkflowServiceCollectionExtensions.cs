using EditorialBot.Bot.Review;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Publishing;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EditorialBot.Bot.Hosting;

internal static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The review engine: sweep, review operations, publisher, outbox dispatcher. The review channel
    /// (<see cref="IReviewChannel"/>) is not registered here: the Discord desk adds its own, and the
    /// dry-run sweep the console one; without one the outbox keeps its work for later.
    /// </summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration, string? contentOverride = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Settings.Content(configuration, contentOverride));
        services.AddSingleton(Settings.Publishing(configuration));
        services.AddSingleton(sp => new RuntimeSettings(Settings.Review(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => ClaimsSetup.CreateExtractor(configuration, Console.Error));
        services.AddSingleton(Settings.Git(configuration));
        services.AddSingleton(new GitSyncState(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Settings.DatabasePath(configuration)))!, "git-sync.json")));
        services.AddSingleton<GitSync>();
        services.AddSingleton<GitCommitter>();
        services.AddSingleton<EpisodePublisher>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<SweepService>();
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }
}
