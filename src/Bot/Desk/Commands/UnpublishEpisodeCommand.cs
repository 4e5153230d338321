using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class UnpublishEpisodeCommand(DeskServices desk) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("unpublish", "Turn a published episode back into a draft (admins)", [SlashOptions.Episode("The published episode")]);

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, desk, cancellationToken) is { } id)
        {
            await SlashOptions.ReplyAsync(context, desk.Delivered(await desk.Reviews.UnpublishAsync(id, who, cancellationToken)), cancellationToken);
        }
    }
}
