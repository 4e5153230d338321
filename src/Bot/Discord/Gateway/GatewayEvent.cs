using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Bot.Discord.Gateway;

/// <summary>
/// What the gateway hands to the bot, in order of receipt. <see cref="ReceivedAt"/> is the local
/// <see cref="TimeProvider.GetTimestamp"/> when the frame was read; interaction deadlines are timed from it.
/// Events may be duplicated or replayed after a resume: handlers must be idempotent.
/// </summary>
internal abstract record GatewayEvent(long ReceivedAt);

internal sealed record ReadyEvent(long ReceivedAt, Ready Ready) : GatewayEvent(ReceivedAt);

internal sealed record ResumedEvent(long ReceivedAt) : GatewayEvent(ReceivedAt);

internal sealed record GuildCreateEvent(long ReceivedAt, Guild Guild) : GatewayEvent(ReceivedAt);

internal sealed record ReactionAddedEvent(long ReceivedAt, MessageReactionAdd Reaction) : GatewayEvent(ReceivedAt);

internal sealed record ReactionRemovedEvent(long ReceivedAt, MessageReactionRemove Reaction) : GatewayEvent(ReceivedAt);

/// <summary>A slash command, autocomplete request, button press or modal submit (see <see cref="Interaction.Type"/>).</summary>
internal sealed record InteractionCreatedEvent(long ReceivedAt, Interaction Interaction) : GatewayEvent(ReceivedAt);
