using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.Bot.Review;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// The review channel in Discord. The outbox calls it at least once per operation, so every call is safe to
/// repeat: a card that already has a message is edited rather than posted again, and each post carries a nonce
/// derived from the outbox key with enforce_nonce, so a retry after a lost response returns the same message.
/// </summary>
internal sealed class DiscordReviewChannel(DiscordRestClient rest, IOptions<DiscordOptions> options, IConfiguration configuration) : IReviewChannel
{
    private const int ThreadArchiveMinutes = 10080;

    private readonly int _maxClaims = ClaimsSetup.MaxPerEpisode(configuration);
    private readonly LineLinks _links = new(configuration[LineLinks.Key]);

    private Snowflake ReviewChannel => options.Value.ReviewChannelId;

    public async Task<CardReceipt> PostCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        if (card.ReviewMessageId is { } existing)
        {
            await UpdateCardAsync(card, operationKey, cancellationToken);
            return new CardReceipt(existing, card.ReviewThreadId ?? await StartThreadAsync(card, existing, cancellationToken));
        }
        var message = await rest.CreateMessageAsync(ReviewChannel, new MessageCreate(
            Embeds: [DeskRenderer.CardEmbed(card, _maxClaims, _links)],
            Components: DeskRenderer.CardButtons(card),
            Nonce: Nonce(operationKey)), cancellationToken);
        var thread = await StartThreadAsync(card, message.Id.Value, cancellationToken);
        return new CardReceipt(message.Id.Value, thread);
    }

    public async Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        if (card.ReviewMessageId is not { } messageId)
        {
            return; // Not posted yet: the PostCard operation queued before this one will show the current state.
        }
        await rest.EditMessageAsync(ReviewChannel, messageId, new MessageEdit(
            Embeds: [DeskRenderer.CardEmbed(card, _maxClaims, _links)],
            Components: DeskRenderer.CardButtons(card)), cancellationToken);
    }

    /// <summary>Check-tier claims get a message each (reactions set their verdict); optional claims are listed several to a message.</summary>
    public async Task<IReadOnlyList<ClaimReceipt>> PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, CancellationToken cancellationToken)
    {
        var target = card.ReviewThreadId ?? card.ReviewMessageId ?? (ulong)ReviewChannel.Value;
        List<ClaimReceipt> receipts = [];
        foreach (var claim in claims.Where(static c => c.Tier == ClaimTier.Check))
        {
            var message = await rest.CreateMessageAsync(target, new MessageCreate(
                Content: DeskRenderer.ClaimMessage(claim, card.Path, _links),
                Nonce: Nonce($"{operationKey}-{claim.Id}")), cancellationToken);
            receipts.Add(new ClaimReceipt(claim.Id, message.Id.Value));
        }
        foreach (var (content, listed) in DeskRenderer.OptionalLists([.. claims.Where(static c => c.Tier != ClaimTier.Check)], card.Path, _links))
        {
            var message = await rest.CreateMessageAsync(target, new MessageCreate(
                Content: content,
                Nonce: Nonce($"{operationKey}-o{listed[0].Id}")), cancellationToken);
            receipts.AddRange(listed.Select(c => new ClaimReceipt(c.Id, message.Id.Value)));
        }
        return receipts;
    }

    public async Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken)
    {
        if (claim.MessageId is not { } messageId || (card.ReviewThreadId ?? card.ReviewMessageId) is not { } thread)
        {
            return;
        }
        var sharing = card.Claims.Where(c => c.MessageId == messageId).ToList();
        // Optional claims live in list messages: the whole list is re-rendered with the new verdict.
        var content = sharing.Count > 1 || claim.Tier == ClaimTier.Optional
            ? DeskRenderer.OptionalList(sharing, card.Path, _links)
            : DeskRenderer.ClaimMessage(claim, card.Path, _links);
        await rest.EditMessageAsync(thread, messageId, new MessageEdit(Content: content), cancellationToken);
    }

    public async Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken) =>
        await rest.CreateMessageAsync(card.ReviewThreadId ?? (ulong)ReviewChannel.Value, new MessageCreate(
            Content: DeskRenderer.Notice(notice),
            Nonce: Nonce(operationKey)), cancellationToken);

    public async Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken) =>
        await rest.CreateMessageAsync(ReviewChannel, new MessageCreate(
            Content: DeskRenderer.Digest(digest),
            Nonce: Nonce(operationKey)), cancellationToken);

    public async Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken) =>
        await rest.CreateMessageAsync(ReviewChannel, new MessageCreate(
            Content: ("⚠️ " + alert.Text) is { Length: > DiscordLimits.Content } text ? text[..(DiscordLimits.Content - 1)] + "…" : "⚠️ " + alert.Text,
            Nonce: Nonce(operationKey)), cancellationToken);

    private async Task<ulong?> StartThreadAsync(ReviewCard card, ulong messageId, CancellationToken cancellationToken)
    {
        try
        {
            var thread = await rest.StartThreadFromMessageAsync(ReviewChannel, messageId, DeskRenderer.ThreadName(card), ThreadArchiveMinutes, cancellationToken);
            return thread.Id.Value;
        }
        catch (DiscordApiException ex) when (ex.Code == 160004)
        {
            // A thread already exists for this message (an earlier attempt created it): it shares the message's id.
            return messageId;
        }
    }

    /// <summary>Discord nonces are at most 25 characters; outbox keys are short, but fold longer ones deterministically.</summary>
    internal static string Nonce(string key) =>
        key.Length <= 25 ? key : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..25];
}
