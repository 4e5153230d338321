using EditorialBot.Storage;
using EditorialBot.Workflow.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Jobs;

/// <summary>Before anything else runs: apply migrations, then finish or roll back a publish a crash interrupted.</summary>
internal sealed class StartupService(IOptions<StorageOptions> storage, EpisodePublisher publisher, ILogger<StartupService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await EditorialDatabase.MigrateAsync(storage.Value, cancellationToken);
        if (applied.Count > 0)
        {
            log.LogInformation("Database {Database}: applied {Migrations}", storage.Value, string.Join(", ", applied));
        }
        await publisher.RecoverAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>After the scheduler started: a catch-up sweep when the last one is older than a day (or there was none).</summary>
internal sealed class CatchUpSweepService(IDbContextFactory<EditorialDbContext> dbs, Quartz.ISchedulerFactory schedulers, TimeProvider time, ILogger<CatchUpSweepService> log) : IHostedService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var last = await db.SweepRuns.Where(r => r.Failure == null).OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        if (last is { } at && time.GetUtcNow() - at < MaxAge)
        {
            return;
        }
        log.LogInformation("Last sweep {Last}; starting a catch-up sweep", last?.ToString("u") ?? "never");
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(SweepJob.Key, new Quartz.JobDataMap { [SweepJob.TriggerKey] = "catch-up" }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
