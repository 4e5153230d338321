using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk;

/// <summary>One slash command: its registration and its handler. Permission is checked by the dispatcher from <see cref="AdminOnly"/>.</summary>
internal interface IDeskCommand
{
    ApplicationCommand Definition { get; }

    bool AdminOnly { get; }

    Task HandleAsync(InteractionContext context, Reviewer who, CancellationToken cancellationToken);
}
