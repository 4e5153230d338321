using EditorialBot.Bot.Hosting;
using EditorialBot.Bot.Jobs;
using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace EditorialBot.Tests.Bot;

public sealed class BotHostTests
{
    [Fact]
    public async Task The_host_schedules_the_nightly_sweep_and_the_daily_reminder_in_the_configured_zone()
    {
        using var folder = new TempFolder();
        using var host = BotHost.Build(Config(folder, ("Schedule:TimeZone", "Asia/Shanghai"), ("Schedule:SweepCron", "0 30 2 * * ?")));

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var sweep = await scheduler.GetJobDetail(SweepJob.Key);
        Assert.NotNull(sweep);
        Assert.True(sweep.ConcurrentExecutionDisallowed);
        var sweepTrigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(SweepJob.Key)));
        Assert.Equal("0 30 2 * * ?", sweepTrigger.CronExpressionString);
        Assert.Equal("Asia/Shanghai", sweepTrigger.TimeZone.Id);

        var reminderTrigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(ReviewReminderJob.Key)));
        Assert.Equal("0 0 9 * * ?", reminderTrigger.CronExpressionString);
        Assert.True((await scheduler.GetJobDetail(ReviewReminderJob.Key))!.ConcurrentExecutionDisallowed);
    }

    [Fact]
    public async Task Default_schedule_is_three_in_the_morning_utc()
    {
        using var folder = new TempFolder();
        using var host = BotHost.Build(Config(folder));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(SweepJob.Key)));
        Assert.Equal("0 0 3 * * ?", trigger.CronExpressionString);
        Assert.Equal(TimeZoneInfo.Utc.Id, trigger.TimeZone.Id);
    }

    [Theory]
    [InlineData("Schedule:TimeZone", "Mars/Olympus", "Schedule:TimeZone")]
    [InlineData("Schedule:SweepCron", "every night", "Schedule:SweepCron")]
    [InlineData("Review:RequiredApprovals", "many", "Review:RequiredApprovals")]
    [InlineData("Git:Commit", "sometimes", "Git:Commit")]
    public async Task A_bad_setting_stops_the_host_naming_the_key(string key, string value, string named)
    {
        using var folder = new TempFolder();
        using var host = BotHost.Build(Config(folder, (key, value)));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task Every_bad_setting_is_reported_at_once_with_its_key_and_the_fix()
    {
        using var folder = new TempFolder();
        using var host = BotHost.Build(Config(folder,
            ("Review:RequiredApprovals", "many"), ("Review:RemindAfterHours", "0"), ("Content:Dialect", "gatsby"), ("Schedule:TimeZone", "Mars/Olympus")));

        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        var failures = error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(static e => e.Failures).ToList();
        Assert.Contains(failures, static f => f.StartsWith("Review:RequiredApprovals is 'many', which is not a whole number: set it to", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Review:RemindAfterHours must be a whole number of hours from 1 to 2160", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Content:Dialect 'gatsby' is not one of eleventy, hugo, jekyll", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Schedule:TimeZone 'Mars/Olympus' is not a known time zone", StringComparison.Ordinal));
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public async Task Starting_the_host_migrates_the_database_and_runs_a_catch_up_sweep()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var config = Config(folder);
        using var host = BotHost.Build(config);
        await host.StartAsync();
        try
        {
            var factory = host.Services.GetRequiredService<IDbContextFactory<EditorialDbContext>>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var runs = 0;
            while (runs == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                await using var db = await factory.CreateDbContextAsync();
                runs = await db.SweepRuns.CountAsync(r => r.Trigger == "catch-up");
            }
            Assert.Equal(1, runs);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_running_host_sweeps_at_start_and_delivers_the_cards_to_the_review_channel()
    {
        using var folder = new TempFolder();
        folder.Write("content/ev.md", Notes.Draft());
        var channel = new RecordingReviewChannel();
        using var host = BotHost.Build(Config(folder), services => services.AddSingleton<EditorialBot.Workflow.Channel.IReviewChannel>(channel));
        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (channel.Snapshot().Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.Equal(["post-card ev.md", "post-claims ev.md 1"], channel.Snapshot());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IConfiguration Config(TempFolder folder, params (string Key, string Value)[] extra)
    {
        Directory.CreateDirectory(folder.File("content"));
        var values = new Dictionary<string, string?>
        {
            ["Content:Root"] = folder.File("content"),
            ["Storage:Database"] = folder.File("data/e.db"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Cluster:Lease"] = "00:05:00",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
