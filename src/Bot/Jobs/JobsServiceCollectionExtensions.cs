using EditorialBot.Bot.Cluster;
using EditorialBot.Storage;
using EditorialBot.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace EditorialBot.Bot.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ScheduleOptions"/>; then, in start order: the gateway lease (a standby waits there), start-up recovery,
    /// the Quartz jobs (sweep, reminder) and the catch-up sweep. Outbox delivery is added by <see cref="AddOutboxDelivery"/>
    /// where a review channel exists. On PostgreSQL the schedule lives in Quartz's clustered ADO.NET job store
    /// (<see cref="QuartzClusterStore"/>).
    /// </summary>
    public static IServiceCollection AddEditorialJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScheduleOptions>(configuration);
        // Where the schedule lives decides which services exist, so it is read here (the host validates it again at start).
        var storage = ValidatedOptions.Read<StorageOptions>(configuration, out _);
        services.AddEditorialCluster(configuration);
        services.AddHostedService<StartupService>();
        services.AddQuartz(q =>
        {
            QuartzClusterStore.Use(q, storage);
            q.AddJob<SweepJob>(j => j.WithIdentity(SweepJob.Key).StoreDurably().WithDescription("Sweep the content folder for drafts"));
            q.AddTrigger((sp, t) => t.ForJob(SweepJob.Key).WithIdentity("sweep-nightly", "editorial")
                .WithCronSchedule(Schedule(sp).SweepCron, c => c.InTimeZone(Schedule(sp).Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ReviewReminderJob>(j => j.WithIdentity(ReviewReminderJob.Key).StoreDurably().WithDescription("Digest of reviews waiting too long"));
            q.AddTrigger((sp, t) => t.ForJob(ReviewReminderJob.Key).WithIdentity("review-reminder-daily", "editorial")
                .WithCronSchedule(Schedule(sp).ReminderCron, c => c.InTimeZone(Schedule(sp).Zone)));
        });
        services.Configure<QuartzOptions>(QuartzClusterStore.KeepFireTimes);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<CatchUpSweepService>();
        return services;
    }

    /// <summary>Delivers the outbox to the registered review channel while the host runs.</summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services) =>
        services.AddHostedService<OutboxDeliveryService>();

    private static ScheduleOptions Schedule(IServiceProvider services) => services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
}
