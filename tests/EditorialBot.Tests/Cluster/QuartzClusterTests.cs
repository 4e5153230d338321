using System.Collections.Concurrent;
using EditorialBot.Bot.Jobs;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace EditorialBot.Tests.Cluster;

/// <summary>
/// Two real Quartz schedulers on the bot's clustered store in one PostgreSQL database: each fire time
/// runs on one of them, and a fire time missed while both were down runs once when they return.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class QuartzClusterTests
{
    private static readonly JobKey s_job = new("nightly", "test");

    [PostgresFact]
    public async Task Each_fire_time_runs_once_across_two_schedulers()
    {
        using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var fired = new FireLog();
        var start = DateTimeOffset.UtcNow.AddSeconds(6);
        const int fires = 8;
        void Every_second(ITriggerConfigurator<IJob> t) => t.StartAt(start).WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).WithRepeatCount(fires - 1));
        using var a = Scheduler(database.Storage, fired, Every_second);
        using var b = Scheduler(database.Storage, fired, Every_second);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        // Both are cluster nodes (each checked in), so both compete for every fire time.
        await WaitUntilAsync(async () => await CheckedInAsync(database) == 2, "both schedulers to check in");

        await fired.WaitForAsync(fires, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var runs = fired.Runs;
        Assert.Equal(fires, runs.Count);
        Assert.Equal(fires, runs.Select(r => r.Scheduled).Distinct().Count());
        await Task.WhenAll(a.StopAsync(), b.StopAsync());
    }

    [PostgresFact]
    public async Task A_nightly_fire_time_missed_while_every_instance_was_down_runs_once_when_they_return()
    {
        using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var fired = new FireLog();
        // "Nightly" at a second a few seconds from now, with the nightly sweep's misfire rule.
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        var cron = $"{at.Second} {at.Minute} {at.Hour} * * ?";
        void Nightly(ITriggerConfigurator<IJob> t) => t.WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .WithMisfireThreshold(TimeSpan.FromSeconds(1));

        using (var first = Scheduler(database.Storage, fired, Nightly))
        {
            await first.StartAsync();
            await first.StopAsync();
        }
        // Everything is down when the fire time passes.
        await Task.Delay(at - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3));
        Assert.Empty(fired.Runs);

        using var a = Scheduler(database.Storage, fired, Nightly);
        using var b = Scheduler(database.Storage, fired, Nightly);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await fired.WaitForAsync(1, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(8));

        Assert.Single(fired.Runs);
        await Task.WhenAll(a.StopAsync(), b.StopAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, $"waited 60 s for {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<int> CheckedInAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync();
    }

    /// <summary>A scheduler configured as the bot configures its own (same store, same trigger rules).</summary>
    private static IHost Scheduler(StorageOptions storage, FireLog fired, Action<ITriggerConfigurator<IJob>> trigger)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(fired);
        builder.Services.AddQuartz(q =>
        {
            QuartzClusterStore.Use(q, storage);
            q.AddJob<RecordingJob>(j => j.WithIdentity(s_job).StoreDurably());
            q.AddTrigger(t =>
            {
                t.ForJob(s_job).WithIdentity("nightly", "test");
                trigger(t);
            });
        });
        builder.Services.Configure<QuartzOptions>(QuartzClusterStore.KeepFireTimes);
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder.Build();
    }

    private sealed class RecordingJob(FireLog fired) : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            fired.Add(context.ScheduledFireTimeUtc, context.Scheduler.SchedulerInstanceId);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FireLog
    {
        private readonly ConcurrentQueue<(DateTimeOffset? Scheduled, string Instance)> _runs = new();

        public IReadOnlyList<(DateTimeOffset? Scheduled, string Instance)> Runs => [.. _runs];

        public void Add(DateTimeOffset? scheduled, string instance) => _runs.Enqueue((scheduled, instance));

        public async Task WaitForAsync(int count, TimeSpan timeout)
        {
            var until = DateTimeOffset.UtcNow + timeout;
            while (_runs.Count < count)
            {
                Assert.True(DateTimeOffset.UtcNow < until, $"{_runs.Count} of {count} runs after {timeout.TotalSeconds} s");
                await Task.Delay(100);
            }
        }
    }
}
