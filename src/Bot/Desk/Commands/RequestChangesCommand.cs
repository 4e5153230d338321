using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk.Commands;

internal sealed class RequestChangesCommand(DeskServices desk) : IDeskCommand
{
    public ApplicationCommand Definition { get; } = new("request-changes", "Ask for changes before an episode can be published",
    [
        SlashOptions.Episode(),
        new ApplicationCommandOption(SlashOptions.StringType, "reason", "What must change", Required: true),
    ]);

    public bool AdminOnly => false;

    public async Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken)
    {
        if (await SlashOptions.EpisodeAsync(context, desk, cancellationToken) is { } id)
        {
            var reason = SlashOptions.String(context.Interaction, "reason") ?? "";
            await SlashOptions.ReplyAsync(context, desk.Delivered(await desk.Reviews.RequestChangesAsync(id, who, reason, cancellationToken)), cancellationToken);
        }
    }
}
