using EditorialBot.Workflow.Channel;
using Microsoft.Extensions.Hosting;

namespace EditorialBot.Bot.Jobs;

/// <summary>Runs the outbox dispatcher while the host runs (woken by each commit that queues work, polling every few seconds for retries).</summary>
internal sealed class OutboxDeliveryService(OutboxDispatcher dispatcher) : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(Poll, stoppingToken);
}
