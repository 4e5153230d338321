using System.Globalization;
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

internal sealed class QueueCommand(IDbContextFactory<EditorialDbContext> dbs, RuntimeSettings settings, TimeProvider time) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("queue", "The open reviews, oldest first");

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rules = await settings.RulesAsync(db, cancellationToken);
        var items = await ReviewQueue.LoadAsync(db, rules, time.GetUtcNow(), openOnly: true, cancellationToken);
        StringBuilder text = new(items.Count == 0 ? "No open reviews." : $"**Open reviews: {items.Count}**\n");
        foreach (var item in items)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"• {item.Title ?? item.Path} — {ReviewText.State(item.State)}, approvals {item.Approvals}/{item.RequiredApprovals}, claims {item.ClaimsResolved}/{item.ClaimsTotal}, {item.WaitingHours:0} h\n");
            if (TextFit.CodePoints(text.ToString()) + TextFit.CodePoints(line) > 1850)
            {
                text.Append("…");
                break;
            }
            text.Append(line);
        }
        var parked = await Outbox.Parked(db).CountAsync(cancellationToken);
        if (parked > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n⚠️ {parked} review-channel update(s) parked (refused by Discord): admins see `/deliveries`.");
        }
        await context.RespondAsync(new MessageCreate(text.ToString()), ephemeral: true, cancellationToken);
    }
}
