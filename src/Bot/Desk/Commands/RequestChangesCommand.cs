using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class RequestChangesCommand(ReviewService reviews, IDbContextFactory<EditorialDbContext> dbs) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("request-changes", "Ask for changes before an episode can be published",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(SlashOptions.StringType, "reason", "What must change", Required: true),
    ]);

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, dbs, cancellationToken) is { } id)
        {
            var reason = SlashOptions.String(context.Interaction, "reason") ?? "";
            await SlashOptions.ReplyAsync(context, await reviews.RequestChangesAsync(id, who, reason, cancellationToken), cancellationToken);
        }
    }
}
