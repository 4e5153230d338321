using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;

namespace EditorialBot.Bot.Discord;

internal enum InteractionAck
{
    None,
    Responded,
    DeferredMessage,
    DeferredUpdate,
}

/// <summary>
/// Answers one interaction exactly once (Discord rejects a second initial response with 40060) and routes later
/// output to the right place: after a defer, replies edit @original; after a reply, they become follow-ups.
/// <see cref="RunAsync"/> defers on the handler's behalf when it has not answered in time, timed from local receipt.
/// </summary>
internal sealed class InteractionContext(DiscordRestClient rest, Interaction interaction, long receivedAt, TimeProvider time)
{
    private const int Ephemeral = 64;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Interaction Interaction { get; } = interaction;
    public long ReceivedAt { get; } = receivedAt;
    public InteractionAck Ack { get; private set; }
    public TimeSpan Elapsed => time.GetElapsedTime(ReceivedAt);

    private bool IsComponent => Interaction.Type == InteractionType.MessageComponent;

    /// <summary>Runs <paramref name="handler"/>; if it has not answered <paramref name="deferAfter"/> after receipt, defers (5 for commands and modals, 6 for buttons).</summary>
    public async Task RunAsync(Func<InteractionContext, CancellationToken, Task> handler, TimeSpan deferAfter, CancellationToken ct = default)
    {
        var work = handler(this, ct);
        var remaining = deferAfter - Elapsed;
        if (Interaction.Type != InteractionType.Autocomplete && !work.IsCompleted)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timer = remaining > TimeSpan.Zero ? Task.Delay(remaining, time, cts.Token) : Task.CompletedTask;
            if (await Task.WhenAny(work, timer).ConfigureAwait(false) == timer && !work.IsCompleted)
            {
                await DeferAsync(ephemeral: false, ct).ConfigureAwait(false);
            }
            await cts.CancelAsync().ConfigureAwait(false);
        }
        await work.ConfigureAwait(false);
    }

    public Task DeferAsync(bool ephemeral = false, CancellationToken ct = default) =>
        WithGate(async () =>
        {
            if (Ack != InteractionAck.None)
            {
                return;
            }
            var type = IsComponent ? InteractionCallbackType.DeferredUpdateMessage : InteractionCallbackType.DeferredChannelMessageWithSource;
            var data = ephemeral && !IsComponent ? new InteractionCallbackData(Flags: Ephemeral) : null;
            await Callback(new InteractionResponse(type, data), ct).ConfigureAwait(false);
            Ack = IsComponent ? InteractionAck.DeferredUpdate : InteractionAck.DeferredMessage;
        });

    /// <summary>Replies with a message: the initial response, the edit of a deferred "thinking…" message, or a follow-up.</summary>
    public Task RespondAsync(MessageCreate message, bool ephemeral = false, CancellationToken ct = default) =>
        WithGate(async () =>
        {
            var flags = ephemeral ? (message.Flags ?? 0) | Ephemeral : message.Flags;
            switch (Ack)
            {
                case InteractionAck.None:
                    await Callback(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource,
                        new InteractionCallbackData(message.Content, message.Embeds, message.Components, message.AllowedMentions ?? AllowedMentions.None, flags)), ct).ConfigureAwait(false);
                    Ack = InteractionAck.Responded;
                    break;
                case InteractionAck.DeferredMessage:
                    await rest.EditOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token,
                        new MessageEdit(message.Content, message.Embeds, message.Components, message.AllowedMentions), ct).ConfigureAwait(false);
                    Ack = InteractionAck.Responded;
                    break;
                default:
                    await rest.CreateFollowUpAsync(Interaction.ApplicationId, Interaction.Token, message with { Flags = flags }, ct).ConfigureAwait(false);
                    break;
            }
        });

    /// <summary>For buttons: edits the message carrying the button (type 7 now, or PATCH @original after a type-6 defer).</summary>
    public Task UpdateMessageAsync(MessageEdit edit, CancellationToken ct = default) =>
        WithGate(async () =>
        {
            if (Ack == InteractionAck.None)
            {
                await Callback(new InteractionResponse(InteractionCallbackType.UpdateMessage,
                    new InteractionCallbackData(edit.Content, edit.Embeds, edit.Components, edit.AllowedMentions ?? AllowedMentions.None)), ct).ConfigureAwait(false);
                Ack = InteractionAck.Responded;
                return;
            }
            await rest.EditOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token, edit, ct).ConfigureAwait(false);
        });

    public Task AutocompleteAsync(IReadOnlyList<ApplicationCommandOptionChoice> choices, CancellationToken ct = default) =>
        InitialOnly(new InteractionResponse(InteractionCallbackType.AutocompleteResult, new InteractionCallbackData(Choices: choices)), ct);

    /// <summary>A modal must itself be the initial response; it cannot follow a defer.</summary>
    public Task ShowModalAsync(Modal modal, CancellationToken ct = default) =>
        InitialOnly(new InteractionResponse(InteractionCallbackType.Modal, new InteractionCallbackData(CustomId: modal.CustomId, Title: modal.Title, Components: modal.Components)), ct);

    private Task InitialOnly(InteractionResponse response, CancellationToken ct) =>
        WithGate(async () =>
        {
            if (Ack != InteractionAck.None)
            {
                throw new InvalidOperationException($"Interaction {Interaction.Id} was already answered ({Ack}); a {response.Type} response must be the first one.");
            }
            await Callback(response, ct).ConfigureAwait(false);
            Ack = InteractionAck.Responded;
        });

    private Task Callback(InteractionResponse response, CancellationToken ct) =>
        rest.CreateInteractionResponseAsync(Interaction.Id, Interaction.Token, response, ReceivedAt, ct);

    private async Task WithGate(Func<Task> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
