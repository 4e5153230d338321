using System.Text;
using EditorialBot.Storage;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Workflow.Channel;

/// <summary>
/// The review channel as plain text: what <c>sweep --dry-run</c> prints instead of posting to Discord.
/// Shows the first <paramref name="maxClaims"/> claims of each card, like the real card.
/// </summary>
internal sealed class ConsoleReviewChannel(TextWriter output, int maxClaims = 30) : IReviewChannel
{
    public int Posted { get; private set; }

    public Task<ulong?> PostCardAsync(ReviewCard card, string operationKey, Func<ulong, Task> posted, CancellationToken cancellationToken)
    {
        Posted++;
        output.Write(Render(card, "new card"));
        return Task.FromResult<ulong?>(null);
    }

    public Task UpdateCardAsync(ReviewCard card, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"~ card updated: {card.DisplayTitle} — {Summary(card)}");
        return Task.CompletedTask;
    }

    public async Task PostClaimsAsync(ReviewCard card, IReadOnlyList<ReviewClaim> claims, string operationKey, Func<ClaimReceipt, Task> posted, CancellationToken cancellationToken)
    {
        StringBuilder text = new();
        var check = claims.Count(static c => c.Tier == ClaimTier.Check);
        text.AppendLine($"  claims ({claims.Count}: {check} must check, {claims.Count - check} optional):");
        foreach (var claim in claims.Take(maxClaims))
        {
            var tier = claim.Tier == ClaimTier.Check ? "must check" : "optional";
            var also = claim.Lines.Count > 1 ? $" +{claim.Lines.Count - 1}" : "";
            text.AppendLine($"   {claim.Number,3}. [{tier}, {claim.Kind}, line {claim.Line}{also}] {Shorten(claim.Text, 160)}");
        }
        if (claims.Count > maxClaims)
        {
            text.AppendLine($"        … and {claims.Count - maxClaims} more (Claims:MaxPerEpisode = {maxClaims})");
        }
        text.AppendLine();
        output.Write(text.ToString());
        foreach (var claim in claims)
        {
            await posted(new ClaimReceipt(claim.Id, null));
        }
    }

    public Task UpdateClaimAsync(ReviewCard card, ReviewClaim claim, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"~ claim {claim.Number} of {card.DisplayTitle}: {ReviewService.Describe(claim.Verdict)}{(claim.VerdictBy is null ? "" : $" ({claim.VerdictBy})")}");
        return Task.CompletedTask;
    }

    public Task PostNoticeAsync(ReviewCard card, ReviewNotice notice, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"» {card.DisplayTitle}: {notice.Text}");
        return Task.CompletedTask;
    }

    public Task PostDigestAsync(ReviewDigest digest, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"Reviews waiting more than {digest.RemindAfterHours} h: {digest.Items.Count}");
        foreach (var item in digest.Items)
        {
            output.WriteLine($"  - {item.Title} ({item.Path}): {ReviewService.StateText(item.State)}, {item.WaitingHours:0} h, approvals {item.Approvals}/{item.RequiredApprovals}, claims {item.ClaimsResolved}/{item.ClaimsTotal}");
        }
        return Task.CompletedTask;
    }

    public Task PostAlertAsync(AdminAlert alert, string operationKey, CancellationToken cancellationToken)
    {
        output.WriteLine($"⚠ {alert.Text}");
        return Task.CompletedTask;
    }

    internal static string Render(ReviewCard card, string heading)
    {
        StringBuilder text = new();
        text.AppendLine($"┌─ {heading}: {card.DisplayTitle}");
        text.AppendLine($"│  file     {card.Path}");
        if (!string.IsNullOrWhiteSpace(card.Source))
        {
            text.AppendLine($"│  source   {card.Source}");
        }
        var who = string.Join(" · ", new[] { card.Speaker, card.Date }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (who.Length > 0)
        {
            text.AppendLine($"│  speaker  {who}");
        }
        if (card.Tags.Count > 0)
        {
            text.AppendLine($"│  tags     {Shorten(string.Join(", ", card.Tags), 160)}");
        }
        if (!string.IsNullOrWhiteSpace(card.Summary))
        {
            var summary = Claims.NoteSummary.FromStored(card.Summary);
            text.AppendLine($"│  summary  {Shorten(summary.Text, 240)}{(summary.Generated ? " (generated from the opening)" : "")}");
        }
        text.AppendLine($"│  state    {Summary(card)}");
        foreach (var blocker in card.Blockers)
        {
            text.AppendLine($"│  waiting  {blocker}");
        }
        foreach (var warning in card.Warnings)
        {
            text.AppendLine($"│  warning  {Shorten(warning, 200)}");
        }
        text.AppendLine("└─ [Approve] [Request changes] [Claims]");
        return text.ToString();
    }

    internal static string Summary(ReviewCard card) =>
        $"{ReviewService.StateText(card.State)} · approvals {card.Approvals}/{card.RequiredApprovals} · must-check resolved {card.ClaimsResolved}/{card.ClaimsTotal} · optional {card.OptionalResolved}/{card.OptionalTotal}"
        + (card.ChangeRequests.Count == 0 ? "" : $" · changes requested by {string.Join(", ", card.ChangeRequests.Select(r => r.VoterName))}");

    private static string Shorten(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ");
        if (flat.Length <= max)
        {
            return flat;
        }
        var cut = max - 1;
        if (char.IsHighSurrogate(flat[cut - 1]))
        {
            cut--;
        }
        return flat[..cut] + "…";
    }
}
