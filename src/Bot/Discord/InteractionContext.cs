using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using Microsoft.Extensions.Logging;

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
/// <remarks>
/// Privacy is decided by the first response and Discord cannot make a message ephemeral later
/// (receiving-and-responding.mdx: type 5 takes only <c>flags: 64</c>). So every deferral, the automatic one included, is
/// private unless the context was created for public replies, and a private reply that meets a public deferral is sent
/// as an ephemeral follow-up while the public "thinking…" placeholder is deleted: a private reply never shows publicly.
/// The token lives 15 minutes: a reply after that is dropped with a log line, or, when it matters, posted as an ordinary
/// message to <paramref name="lateReplyChannel"/>.
/// </remarks>
internal sealed class InteractionContext(
    DiscordRestClient rest, Interaction interaction, long receivedAt, TimeProvider time,
    ILogger? log = null, Snowflake? lateReplyChannel = null, bool privateReplies = true)
{
    private const int Ephemeral = 64;

    /// <summary>receiving-and-responding.mdx: "Interaction tokens are valid for 15 minutes"; a little margin for the trip.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _deferredPrivately;

    public Interaction Interaction { get; } = interaction;
    public long ReceivedAt { get; } = receivedAt;
    public InteractionAck Ack { get; private set; }
    public TimeSpan Elapsed => time.GetElapsedTime(ReceivedAt);

    /// <summary>Whether replies (and so every deferral) are ephemeral unless a call says otherwise.</summary>
    public bool PrivateReplies { get; } = privateReplies;

    /// <summary>True once the token is past its lifetime (or Discord said so): nothing more can be sent with it.</summary>
    public bool Expired { get; private set; }

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
                await DeferAsync(ct: ct).ConfigureAwait(false);
            }
            await cts.CancelAsync().ConfigureAwait(false);
        }
        await work.ConfigureAwait(false);
    }

    /// <summary>
    /// Acknowledges now and answers later: type 5 ("thinking…") for commands and modals, type 6 for buttons. A type-5
    /// deferral is private (flags 64) unless <paramref name="ephemeral"/> is false or the context is for public replies.
    /// </summary>
    public Task DeferAsync(bool? ephemeral = null, CancellationToken ct = default) =>
        WithGate(async () =>
        {
            if (Ack != InteractionAck.None)
            {
                return;
            }
            var isPrivate = ephemeral ?? PrivateReplies;
            var type = IsComponent ? InteractionCallbackType.DeferredUpdateMessage : InteractionCallbackType.DeferredChannelMessageWithSource;
            var data = isPrivate && !IsComponent ? new InteractionCallbackData(Flags: Ephemeral) : null;
            await Callback(new InteractionResponse(type, data), ct).ConfigureAwait(false);
            _deferredPrivately = isPrivate && !IsComponent;
            Ack = IsComponent ? InteractionAck.DeferredUpdate : InteractionAck.DeferredMessage;
        });

    /// <summary>
    /// Replies with a message: the initial response, the edit of a deferred "thinking…" message, or a follow-up.
    /// <paramref name="ephemeral"/> defaults to the context's <see cref="PrivateReplies"/>. <paramref name="postIfLate"/>:
    /// when the token has expired, post the reply to the late-reply channel instead of dropping it.
    /// </summary>
    public Task RespondAsync(MessageCreate message, bool? ephemeral = null, CancellationToken ct = default, bool postIfLate = false) =>
        WithGate(async () =>
        {
            var isPrivate = ephemeral ?? PrivateReplies;
            var flags = isPrivate ? (message.Flags ?? 0) | Ephemeral : message.Flags;
            switch (Ack)
            {
                case InteractionAck.None:
                    await Callback(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource,
                        new InteractionCallbackData(message.Content, message.Embeds, message.Components, message.AllowedMentions ?? AllowedMentions.None, flags)), ct).ConfigureAwait(false);
                    Ack = InteractionAck.Responded;
                    break;
                case InteractionAck.DeferredMessage when isPrivate && !_deferredPrivately:
                    // The placeholder is public and cannot become private: answer privately beside it and remove it.
                    await WithTokenAsync(message, postIfLate, async () =>
                    {
                        await rest.CreateFollowUpAsync(Interaction.ApplicationId, Interaction.Token, message with { Flags = flags }, ct).ConfigureAwait(false);
                        await rest.DeleteOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token, ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                    Ack = InteractionAck.Responded;
                    break;
                case InteractionAck.DeferredMessage:
                    await WithTokenAsync(message, postIfLate, () => rest.EditOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token,
                        new MessageEdit(message.Content, message.Embeds, message.Components, message.AllowedMentions), ct)).ConfigureAwait(false);
                    Ack = InteractionAck.Responded;
                    break;
                default:
                    await WithTokenAsync(message, postIfLate, () => rest.CreateFollowUpAsync(Interaction.ApplicationId, Interaction.Token, message with { Flags = flags }, ct)).ConfigureAwait(false);
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
            await WithTokenAsync(null, postIfLate: false, () => rest.EditOriginalResponseAsync(Interaction.ApplicationId, Interaction.Token, edit, ct)).ConfigureAwait(false);
        });

    // Webhook calls with the interaction token: not sent once the token is past its lifetime (a doomed request would only
    // count as an invalid one), and a 401/50027 from Discord means the same. A late reply is dropped with a log line, or
    // posted as an ordinary message when the caller says it matters.
    private async Task WithTokenAsync(MessageCreate? reply, bool postIfLate, Func<Task> send)
    {
        if (!Expired && Elapsed < TokenLifetime)
        {
            try
            {
                await send().ConfigureAwait(false);
                return;
            }
            catch (DiscordApiException ex) when (ex.IsExpiredInteraction)
            {
                Expired = true;
            }
        }
        Expired = true;
        var name = Interaction.Data?.Name ?? Interaction.Data?.CustomId ?? Interaction.Type.ToString();
        if (reply is null || !postIfLate || lateReplyChannel is not { } channel)
        {
            log?.LogWarning("Interaction {InteractionId} ({Name}) expired {ElapsedSeconds:0} s after receipt; its late reply was dropped", Interaction.Id.Value, name, Elapsed.TotalSeconds);
            return;
        }
        var actor = Interaction.Actor?.Id;
        var note = (actor is { } id ? $"<@{id}> " : "") + $"(the answer to /{name} came after Discord's 15 minutes, so it is posted here)";
        await rest.CreateMessageAsync(channel, new MessageCreate(
            Fit(note + "\n" + reply.Content, DiscordLimits.Content), reply.Embeds, reply.Components,
            AllowedMentions.Only(users: actor is { } a ? [a] : null))).ConfigureAwait(false);
        log?.LogWarning("Interaction {InteractionId} ({Name}) expired {ElapsedSeconds:0} s after receipt; its reply was posted to channel {ChannelId}", Interaction.Id.Value, name, Elapsed.TotalSeconds, channel.Value);
    }

    private static string Fit(string text, int max)
    {
        if (text.EnumerateRunes().Count() <= max)
        {
            return text;
        }
        var runes = text.EnumerateRunes().Take(max - 1).Select(static r => r.ToString());
        return string.Concat(runes) + "…";
    }

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
