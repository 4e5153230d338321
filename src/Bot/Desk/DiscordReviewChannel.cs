using System.Collections.Concurrent;
using System.Net;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// The review channel in Discord. The outbox calls it at least once per operation, so every call is safe to
/// repeat: a card whose message id is stored is never posted again (only its thread is started if missing), and
/// each post carries a nonce derived from the outbox key with enforce_nonce, so a retry after a lost response
/// returns the same message. An edit that would not change a message is not sent. An archived thread is unarchived
/// before a retry; a refusal that no retry can change (a locked thread, a missing permission, a deleted message or
/// channel) is reported as <see cref="PermanentDeliveryException"/> so the outbox parks it. Every message is built by
/// <see cref="DeskRenderer"/>, which is also what <c>sweep --dry-run</c> and <c>card</c> print.
/// </summary>
internal sealed class DiscordReviewChannel(
    DiscordRestClient rest,
    ReactionHandler reactions,
    IOptions<DiscordOptions> options,
    IOptions<ClaimsOptions> claimsOptions,
    IOptions<ContentOptions> contentOptions) : IReviewChannel
{
    private const int ThreadArchiveMinutes = 10080;
    private const int ThreadAlreadyExists = 160004;

    // What each message last showed, by message id: an edit to the same content is skipped (Discord counts every
    // edit, and edits to older messages have their own, small limit: 30046).
    private readonly ConcurrentDictionary<ulong, string> _shown = new();

    private Snowflake ReviewChannel => options.Value.ReviewChannelId;

    private int MaxClaims => claimsOptions.Value.MaxPerEpisode;

    private LineLinks Links => contentOptions.Value.Links;

    public Task<ulong?> PostCardAsync(ReviewCard card, string operationKey, Func<ulong, Task> posted, CancellationToken cancellationToken) =>
        Permanent(async () =>
        {
            var messageId = card.ReviewMessageId;
            if (messageId is null)
            {
                var create = DeskRenderer.NewCard(card, MaxClaims, Links, Nonce(operationKey));
                var message = await rest.CreateMessageAsync(ReviewChannel, create, cancellationToken);
                messageId = message.Id.Value;
                _shown[messageId.Value] = Fingerprint(new MessageEdit(Embeds: create.Embeds, Components: create.Components));
                await posted(messageId.Value);
                // Editors may have reacted before the id was stored (the message existed before its response reached us).
                reactions.Stored(message, cancellationToken);
            }
            else
            {
                await UpdateCardAsync(card, operationKey, cancellationToken);
            }
            return card.ReviewThreadId ?? await StartThreadAsync(card, messageId.Value, cancellationToken);
        });

    public Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken) =>
        Permanent(async () =>
        {
            if (card.ReviewMessageId is not { } messageId)
            {
                return; // Not posted yet: the PostCard operation queued before this one will show the current state.
            }
            await EditAsync(ReviewChannel, messageId, DeskRenderer.CardEdit(card, MaxClaims, Links), cancellationToken);
        });

    /// <summary>Check-tier claims get a message each (reactions set their verdict); optional claims are listed several to a message.</summary>
    public Task PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, Func<ClaimReceipt, Task> posted, CancellationToken cancellationToken) =>
        Permanent(async () =>
        {
            var target = Thread(card);
            foreach (var (create, key, listed) in DeskRenderer.NewClaims(card, claims, Links))
            {
                var message = await InThreadAsync(target, () => rest.CreateMessageAsync(target, create with { Nonce = Nonce($"{operationKey}-{key}") }, cancellationToken), cancellationToken);
                _shown[message.Id.Value] = create.Content ?? "";
                foreach (var claim in listed)
                {
                    await posted(new ClaimReceipt(claim.Id, message.Id.Value));
                }
                reactions.Stored(message, cancellationToken);
            }
        });

    public Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken) =>
        Permanent(async () =>
        {
            if (claim.MessageId is not { } messageId)
            {
                return;
            }
            var target = Thread(card);
            await InThreadAsync(target, () => EditAsync(target, messageId, DeskRenderer.ClaimEdit(card, claim, Links), cancellationToken), cancellationToken);
        });

    public Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken) =>
        Permanent(async () =>
        {
            var target = card.ReviewThreadId ?? (ulong)ReviewChannel.Value;
            await InThreadAsync(target, () => rest.CreateMessageAsync(target, DeskRenderer.NewNotice(notice, Nonce(operationKey)), cancellationToken), cancellationToken);
        });

    public Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken) =>
        Permanent(() => rest.CreateMessageAsync(ReviewChannel, DeskRenderer.NewDigest(digest, Nonce(operationKey)), cancellationToken));

    public Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken) =>
        Permanent(() => rest.CreateMessageAsync(ReviewChannel, DeskRenderer.NewAlert(alert, Nonce(operationKey)), cancellationToken));

    /// <summary>Claims go in the card's thread only; without one (its creation is parked) they wait, parked, behind it.</summary>
    private static ulong Thread(ReviewCard card) =>
        card.ReviewThreadId ?? throw new PermanentDeliveryException($"the card of {card.Path} has no thread yet (starting it failed; retry that first)");

    private async Task EditAsync(Snowflake channelId, ulong messageId, MessageEdit edit, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(edit);
        if (_shown.TryGetValue(messageId, out var shown) && shown == fingerprint)
        {
            return;
        }
        await rest.EditMessageAsync(channelId, messageId, edit, cancellationToken);
        _shown[messageId] = fingerprint;
    }

    private static string Fingerprint(MessageEdit edit) =>
        edit.Embeds is null && edit.Components is null
            ? edit.Content ?? ""
            : System.Text.Json.JsonSerializer.Serialize(edit, DiscordJsonContext.Default.MessageEdit);

    private async Task<ulong?> StartThreadAsync(ReviewCard card, ulong messageId, CancellationToken cancellationToken)
    {
        try
        {
            var thread = await rest.StartThreadFromMessageAsync(ReviewChannel, messageId, DeskRenderer.ThreadName(card), ThreadArchiveMinutes, cancellationToken);
            return thread.Id.Value;
        }
        catch (DiscordApiException ex) when (ex.Code == ThreadAlreadyExists)
        {
            // A thread already exists for this message (an earlier attempt created it): it shares the message's id.
            return messageId;
        }
    }

    /// <summary>
    /// Runs a thread operation; if the thread was archived (auto-archive after 7 days, or a moderator), unarchives it and
    /// runs it again. A locked thread refuses the unarchive (only moderators may), which ends as a permanent error.
    /// </summary>
    private async Task<T> InThreadAsync<T>(ulong target, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (DiscordApiException ex) when (ex.IsArchivedThread && target != ReviewChannel.Value)
        {
            // channel.mdx, Modify Channel (thread): "archived" false unarchives; topics/threads.mdx: edits and reactions in
            // an archived thread fail until then. A locked thread answers 403 (permanent) instead.
            await rest.UnarchiveThreadAsync(target, cancellationToken);
            return await action();
        }
    }

    private Task InThreadAsync(ulong target, Func<Task> action, CancellationToken cancellationToken) =>
        InThreadAsync(target, async () => { await action(); return true; }, cancellationToken);

    private static async Task<T> Permanent<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordApiException.TooManyOldMessageEdits)
        {
            // Too many edits to messages older than an hour: Discord says to try later, so the outbox waits a while.
            throw new DeliveryDeferredException(ex.Message, TimeSpan.FromMinutes(5), ex);
        }
        catch (DiscordApiException ex) when (IsPermanent(ex))
        {
            throw new PermanentDeliveryException(ex.Message, ex);
        }
        catch (DiscordLimitException ex)
        {
            throw new PermanentDeliveryException(ex.Message, ex);
        }
    }

    private static Task Permanent(Func<Task> action) => Permanent(async () => { await action(); return true; });

    /// <summary>
    /// A 4xx that repeating the same request cannot change (<see cref="DiscordApiException.IsPermanent"/>: permissions,
    /// unknown message or channel, a locked thread, invalid bodies), except 401: a bad bot token stops the whole bot, and
    /// its work must wait for the fixed token rather than be parked.
    /// </summary>
    internal static bool IsPermanent(DiscordApiException ex) => ex.IsPermanent && ex.Status != HttpStatusCode.Unauthorized;

    /// <summary>Discord nonces are at most 25 characters; outbox keys are short, but fold longer ones deterministically.</summary>
    internal static string Nonce(string key) =>
        key.Length <= 25 ? key : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..25];
}
