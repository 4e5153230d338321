using EditorialBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EditorialBot.Bot.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>Start-up recovery, the Quartz jobs (sweep, reminder), the catch-up sweep and outbox delivery, in start order.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var (sweepCron, reminderCron, zone) = Settings.Schedule(configuration);
        services.AddHostedService<StartupService>();
        services.AddQuartz(q =>
        {
            q.AddJob<SweepJob>(j => j.WithIdentity(SweepJob.Key).StoreDurably().WithDescription("Sweep the content folder for drafts"));
            q.AddTrigger(t => t.ForJob(SweepJob.Key).WithIdentity("sweep-nightly", "editorial")
                .WithCronSchedule(sweepCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ReviewReminderJob>(j => j.WithIdentity(ReviewReminderJob.Key).StoreDurably().WithDescription("Digest of reviews waiting too long"));
            q.AddTrigger(t => t.ForJob(ReviewReminderJob.Key).WithIdentity("review-reminder-daily", "editorial")
                .WithCronSchedule(reminderCron, c => c.InTimeZone(zone)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<CatchUpSweepService>();
        services.AddHostedService<OutboxDeliveryService>();
        return services;
    }
}
