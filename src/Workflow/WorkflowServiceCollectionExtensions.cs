using EditorialBot.Storage;
using EditorialBot.Storage.Configuration;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Publishing;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EditorialBot.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The review engine's options (<c>Content</c>, <c>Publishing</c>, <c>Review</c>, <c>Git</c>, <c>Claims</c>,
    /// <c>Outbox</c>) and services: sweep, git sync, review operations, publisher, outbox dispatcher. The review channel
    /// (<see cref="IReviewChannel"/>) is not registered here: the Discord desk adds its own, the dry-run sweep a
    /// printing one; without one the outbox keeps its work for later.
    /// </summary>
    public static IServiceCollection AddEditorialWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ContentOptions>(configuration);
        services.AddValidatedOptions<PublishingOptions>(configuration);
        services.AddValidatedOptions<ReviewOptions>(configuration);
        services.AddValidatedOptions<GitOptions>(configuration);
        services.AddValidatedOptions<ClaimsOptions>(configuration);
        services.AddValidatedOptions<OutboxOptions>(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RuntimeSettings>();
        // Next to the database: another process (status) reads it too.
        services.AddSingleton(sp => new GitSyncState(Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Database))!, "git-sync.json")));
        services.AddSingleton<GitSync>();
        services.AddSingleton<GitCommitter>();
        services.AddSingleton<EpisodePublisher>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<SweepService>();
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }
}
