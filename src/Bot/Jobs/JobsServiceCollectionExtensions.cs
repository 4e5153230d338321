using EditorialBot.Bot.Cluster;
using EditorialBot.Bot.Hosting;
using EditorialBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EditorialBot.Bot.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// In start order: the gateway lease (a standby waits there), start-up recovery, the Quartz jobs (sweep,
    /// reminder), the catch-up sweep and outbox delivery. On PostgreSQL the schedule lives in Quartz's
    /// clustered ADO.NET job store, so a trigger fires once across all instances and a misfire during
    /// downtime is caught up once.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var (sweepCron, reminderCron, zone) = Settings.Schedule(configuration);
        var storage = Settings.Storage(configuration);
        services.AddCluster(configuration);
        services.AddHostedService<StartupService>();
        services.AddQuartz(q =>
        {
            QuartzClusterStore.Use(q, storage);
            q.AddJob<SweepJob>(j => j.WithIdentity(SweepJob.Key).StoreDurably().WithDescription("Sweep the content folder for drafts"));
            q.AddTrigger(t => t.ForJob(SweepJob.Key).WithIdentity("sweep-nightly", "editorial")
                .WithCronSchedule(sweepCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ReviewReminderJob>(j => j.WithIdentity(ReviewReminderJob.Key).StoreDurably().WithDescription("Digest of reviews waiting too long"));
            q.AddTrigger(t => t.ForJob(ReviewReminderJob.Key).WithIdentity("review-reminder-daily", "editorial")
                .WithCronSchedule(reminderCron, c => c.InTimeZone(zone)));
        });
        services.Configure<QuartzOptions>(QuartzClusterStore.KeepFireTimes);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<CatchUpSweepService>();
        services.AddHostedService<OutboxDeliveryService>();
        return services;
    }
}
