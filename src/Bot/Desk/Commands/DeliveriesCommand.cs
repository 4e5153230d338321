using System.Text;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

/// <summary><c>/deliveries [retry] [episode]</c> (admins): the parked review-channel deliveries, and putting them back in the queue.</summary>
internal sealed class DeliveriesCommand(IDbContextFactory<EditorialDbContext> dbs, TimeProvider time) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("deliveries", "Review-channel updates Discord refused for good, and retrying them (admins)",
    [
        new ApplicationCommandOption(SlashOptions.BooleanType, "retry", "Put the parked updates back in the queue (after fixing the cause)"),
        new ApplicationCommandOption(SlashOptions.StringType, "episode", "Only this episode's (start typing its title)", Autocomplete: true),
    ]);

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        await context.DeferAsync(ephemeral: true, cancellationToken);
        Guid? episodeId = null;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (SlashOptions.String(context.Interaction, "episode") is { Length: > 0 } reference)
        {
            var (id, problem) = await ReviewQueue.ResolveAsync(db, reference, cancellationToken);
            if (id is null)
            {
                await context.RespondAsync(new MessageCreate("⚠️ " + problem), ephemeral: true, cancellationToken);
                return;
            }
            episodeId = id;
        }
        if (SlashOptions.Boolean(context.Interaction, "retry") == true)
        {
            // Saving them wakes the delivery loop (OutboxSignal).
            var count = await Outbox.RetryParkedAsync(db, episodeId, time.GetUtcNow(), cancellationToken);
            await context.RespondAsync(new MessageCreate(count == 0 ? "No parked deliveries to retry." : $"{count} parked deliveries are back in the queue."), ephemeral: true, cancellationToken);
            return;
        }
        var parked = (await Outbox.ListParkedAsync(db, cancellationToken)).Where(p => episodeId is null || p.EpisodeId == episodeId).ToList();
        await context.RespondAsync(new MessageCreate(Describe(parked)), ephemeral: true, cancellationToken);
    }

    internal static string Describe(IReadOnlyList<ParkedDelivery> parked)
    {
        if (parked.Count == 0)
        {
            return "No parked deliveries.";
        }
        StringBuilder text = new($"**Parked deliveries: {parked.Count}** (retry with `/deliveries retry:True`)\n");
        foreach (var item in parked)
        {
            var line = $"• {TextFit.Truncate(item.Describe(), 300)}\n";
            if (TextFit.CodePoints(text.ToString()) + TextFit.CodePoints(line) > 1950)
            {
                text.Append('…');
                break;
            }
            text.Append(line);
        }
        return text.ToString();
    }
}
