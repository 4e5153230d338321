using EditorialBot.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace EditorialBot.Bot.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ScheduleOptions"/>, start-up recovery, the Quartz jobs (sweep, reminder) and the catch-up sweep, in
    /// start order. Outbox delivery is added by <see cref="AddOutboxDelivery"/> where a review channel exists.
    /// </summary>
    public static IServiceCollection AddEditorialJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScheduleOptions>(configuration);
        services.AddHostedService<StartupService>();
        services.AddQuartz(q =>
        {
            q.AddJob<SweepJob>(j => j.WithIdentity(SweepJob.Key).StoreDurably().WithDescription("Sweep the content folder for drafts"));
            q.AddTrigger((sp, t) => t.ForJob(SweepJob.Key).WithIdentity("sweep-nightly", "editorial")
                .WithCronSchedule(Schedule(sp).SweepCron, c => c.InTimeZone(Schedule(sp).Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ReviewReminderJob>(j => j.WithIdentity(ReviewReminderJob.Key).StoreDurably().WithDescription("Digest of reviews waiting too long"));
            q.AddTrigger((sp, t) => t.ForJob(ReviewReminderJob.Key).WithIdentity("review-reminder-daily", "editorial")
                .WithCronSchedule(Schedule(sp).ReminderCron, c => c.InTimeZone(Schedule(sp).Zone)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<CatchUpSweepService>();
        return services;
    }

    /// <summary>Delivers the outbox to the registered review channel while the host runs.</summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services) =>
        services.AddHostedService<OutboxDeliveryService>();

    private static ScheduleOptions Schedule(IServiceProvider services) => services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
}
