using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class UnpublishEpisodeCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("unpublish", "Turn a published episode back into a draft (admins)", [SlashOptions.Episode("The published episode")]);

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is { } id)
        {
            await SlashOptions.ReplyAsync(context, await reviews.UnpublishAsync(id, who, cancellationToken), cancellationToken);
        }
    }
}
