using EditorialBot.Workflow.Channel;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// The review channel on a terminal, for <c>sweep --dry-run</c>: each message the Discord desk would send, built by the
/// same <see cref="DeskRenderer"/> calls as <see cref="DiscordReviewChannel"/>, printed instead of sent.
/// </summary>
internal sealed class PrintedReviewChannel(TextWriter output, int maxClaims) : IReviewChannel
{
    public int Posted { get; private set; }

    public Task<CardReceipt> PostCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        Posted++;
        output.WriteLine($"── new card: {card.DisplayTitle}");
        WriteCard(output, card, maxClaims);
        return Task.FromResult(CardReceipt.None);
    }

    public Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"── card updated: {card.DisplayTitle}");
        output.WriteLine(DeskRenderer.Render(DeskRenderer.CardEdit(card, maxClaims)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClaimReceipt>> PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"── claims to check ({claims.Count}), one message each in the thread of {card.DisplayTitle}");
        WriteClaims(output, claims);
        return Task.FromResult<IReadOnlyList<ClaimReceipt>>([.. claims.Select(static c => new ClaimReceipt(c.Id, null))]);
    }

    public Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"── claim {claim.Number} of {card.DisplayTitle} updated");
        output.WriteLine(DeskRenderer.Render(DeskRenderer.ClaimEdit(claim)));
        return Task.CompletedTask;
    }

    public Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"── in the thread of {card.DisplayTitle}");
        output.WriteLine(DeskRenderer.Render(DeskRenderer.NewNotice(notice, operationKey)));
        return Task.CompletedTask;
    }

    public Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine("── digest in the review channel");
        output.WriteLine(DeskRenderer.Render(DeskRenderer.NewDigest(digest, operationKey)));
        return Task.CompletedTask;
    }

    /// <summary>The card message and the name of the thread started from it (also what the <c>card</c> verb prints).</summary>
    public static void WriteCard(TextWriter output, ReviewCard card, int maxClaims)
    {
        output.Write(DeskRenderer.Render(DeskRenderer.NewCard(card, maxClaims, nonce: null)));
        output.WriteLine();
        output.WriteLine($"Thread: {DeskRenderer.ThreadName(card)}");
        output.WriteLine();
    }

    public static void WriteClaims(TextWriter output, IEnumerable<ReviewClaim> claims)
    {
        foreach (var claim in claims)
        {
            output.WriteLine(DeskRenderer.Render(DeskRenderer.NewClaim(claim, nonce: null)));
        }
    }
}
