using EditorialBot.Workflow.Sweep;
using Quartz;

namespace EditorialBot.Bot.Jobs;

/// <summary>The nightly (and on-demand, and catch-up) sweep. Never two at once: Quartz refuses concurrent runs, the service serialises other callers.</summary>
[DisallowConcurrentExecution]
internal sealed class SweepJob(SweepService sweeps) : IJob
{
    public static readonly JobKey Key = new("sweep", "editorial");
    public const string TriggerKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var trigger = context.MergedJobDataMap.TryGetString(TriggerKey, out var name) && name is { Length: > 0 } ? name : "schedule";
        try
        {
            await sweeps.SweepAsync(trigger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already logged and recorded as a failed sweep run (status, /readyz, the digest); rethrown, Quartz would log
            // it a second time with its stack. The next trigger tries again.
        }
    }
}
