using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class PublishEpisodeCommand(DeskServices desk) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("publish", "Publish an episode now (admins)",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(SlashOptions.BooleanType, "force", "Publish even if the review has not passed"),
    ]);

    public bool AdminOnly => true;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, desk, cancellationToken) is { } id)
        {
            var force = SlashOptions.Boolean(context.Interaction, "force") ?? false;
            await SlashOptions.ReplyAsync(context, desk.Delivered(await desk.Reviews.PublishAsync(id, who, force, cancellationToken)), cancellationToken);
        }
    }
}
