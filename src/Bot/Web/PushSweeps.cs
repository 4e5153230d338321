using EditorialBot.Workflow.Git;
using EditorialBot.Workflow.Sweep;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Web;

/// <summary>
/// Sweeps asked for by forge pushes, coalesced: at most one waits. A burst of pushes while nothing runs is one sweep;
/// pushes while a sweep runs are one more sweep after it (that one pulls what they pushed).
/// </summary>
internal sealed class PushSweeps(SweepService sweeps, IOptions<GitOptions> git, ILogger<PushSweeps> log) : BackgroundService
{
    public const string Trigger = "push";

    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _pending;
    private long _requested;
    private long _coalesced;

    /// <summary>Pushes that asked for a sweep since start.</summary>
    public long Requested => Interlocked.Read(ref _requested);

    /// <summary>Of those, how many joined a sweep already waiting.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    public void Request()
    {
        Interlocked.Increment(ref _requested);
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _wake.Release();
        }
        else
        {
            Interlocked.Increment(ref _coalesced);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!git.Value.Sync)
        {
            log.LogWarning("Git:Sync is false: a push sweeps the local copy without pulling what was pushed; set Git:Sync=true");
        }
        while (true)
        {
            await _wake.WaitAsync(stoppingToken);
            // Cleared before the sweep starts: a push during the sweep queues the next one.
            Interlocked.Exchange(ref _pending, 0);
            try
            {
                await sweeps.SweepAsync(Trigger, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Recorded as a failed sweep run (and shown by /readyz); the next push or the schedule tries again.
                log.LogError(ex, "Sweep after a push failed");
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
