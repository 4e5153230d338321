using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class ApproveEpisodeCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("approve", "Approve an episode in review", [SlashOptions.Episode()]);

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is { } id)
        {
            await SlashOptions.ReplyAsync(context, await reviews.ApproveAsync(id, who, cancellationToken), cancellationToken);
        }
    }
}
