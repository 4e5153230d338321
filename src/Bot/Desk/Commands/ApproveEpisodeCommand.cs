using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class ApproveEpisodeCommand(DeskServices desk) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("approve", "Approve an episode in review", [SlashOptions.Episode()]);

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, desk, cancellationToken) is { } id)
        {
            await SlashOptions.ReplyAsync(context, desk.Delivered(await desk.Reviews.ApproveAsync(id, who, cancellationToken)), cancellationToken);
        }
    }
}
