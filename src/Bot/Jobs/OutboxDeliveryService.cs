using EditorialBot.Workflow.Channel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Jobs;

/// <summary>Runs the outbox dispatcher while the host runs (woken by new work, polling every few seconds for retries).</summary>
internal sealed class OutboxDeliveryService(IServiceProvider services, ILogger<OutboxDeliveryService> log) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<IReviewChannel>() is null)
        {
            log.LogWarning("No review channel is configured; review-channel work stays queued in the outbox until one is");
            return Task.CompletedTask;
        }
        return services.GetRequiredService<OutboxDispatcher>().RunAsync(Poll, stoppingToken);
    }
}
