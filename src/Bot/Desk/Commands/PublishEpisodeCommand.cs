using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class PublishEpisodeCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("publish", "Publish an episode now (admins)",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(SlashOptions.BooleanType, "force", "Publish even if the review has not passed"),
    ]);

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is { } id)
        {
            var force = SlashOptions.Boolean(context.Interaction, "force") ?? false;
            await SlashOptions.ReplyAsync(context, await reviews.PublishAsync(id, who, force, cancellationToken), cancellationToken);
        }
    }
}
