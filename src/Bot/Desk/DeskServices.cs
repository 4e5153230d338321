using EditorialBot.Bot.Discord;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Review;
using EditorialBot.Workflow.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

/// <summary>What the desk's commands and reaction handling work with.</summary>
internal sealed class DeskServices(
    ReviewService reviews,
    SweepService sweeps,
    RuntimeSettings settings,
    OutboxDispatcher outbox,
    IDbContextFactory<EditorialDbContext> dbs,
    IOptions<DiscordOptions> options,
    TimeProvider time)
{
    public ReviewService Reviews => reviews;
    public SweepService Sweeps => sweeps;
    public RuntimeSettings Settings => settings;
    public IDbContextFactory<EditorialDbContext> Dbs => dbs;
    public DiscordOptions Options => options.Value;
    public TimeProvider Time => time;

    /// <summary>Review operations queue card edits and notices in the outbox; wake its delivery loop.</summary>
    public ReviewOutcome Delivered(ReviewOutcome outcome)
    {
        if (outcome.Status == OutcomeStatus.Done)
        {
            outbox.Signal();
        }
        return outcome;
    }

    public void SignalOutbox() => outbox.Signal();
}
