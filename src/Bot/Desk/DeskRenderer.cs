using System.Globalization;
using System.Text;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Review;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Desk;

/// <summary>
/// Turns review state into Discord messages: the card (embed + buttons), claim messages, notices, the digest.
/// Every piece of text from an episode file is fitted to Discord's limits in code points, never cut inside a
/// surrogate pair or a Markdown marker; mentions in it never ping (the client sends allowed_mentions = none).
/// </summary>
internal static class DeskRenderer
{
    // Room the state fields may take on top of what the claim card builder packs (6000 code points in all).
    private static readonly (int CodePoints, int Fields) s_stateReserve = (1900, 5);

    /// <summary>
    /// The card: what the note says (title linked to the source, summary, speaker, date, tags, name-check warnings,
    /// the top claims with their verdicts, built by <see cref="ReviewCardBuilder"/>) and where its review stands.
    /// The <c>card</c> verb prints this same card.
    /// </summary>
    public static Embed CardEmbed(ReviewCard card, int maxClaims)
    {
        var note = new CardNote(card.DisplayTitle, card.Source, card.Speaker, card.Date, card.Tags, NoteSummary.FromStored(card.Summary));
        var claims = card.Claims.Select(static c => new Workflow.Claims.Claim(c.Fingerprint,
            c.Verdict == ClaimVerdict.Unverified ? c.Text : $"{DeskEmoji.For(c.Verdict)} {c.Text}", c.Line, c.Kind, c.Score, [], [])).ToList();
        var warnings = card.Warnings.Select(static w => new NameWarning("", [], w)).ToList();
        var built = ReviewCardBuilder.Build(note, new ClaimExtraction(claims, warnings, "rules"), maxClaims, s_stateReserve);

        List<EmbedField> fields = [Field("State", StateLine(card), 300), Field("File", $"`{card.Path}`", 150)];
        if (card.ChangeRequests.Count > 0)
        {
            fields.Add(Field("Changes requested", string.Join("\n", card.ChangeRequests.Select(static r => $"{r.VoterName}: {r.Reason}")), 700));
        }
        if (card.Blockers.Count > 0 && card.State is not (EpisodeState.Published or EpisodeState.Gone))
        {
            fields.Add(Field("Waiting for", string.Join("\n", card.Blockers.Select(static b => "• " + b)), 500));
        }
        if (card.Error is { Length: > 0 } error)
        {
            fields.Add(Field("Error", error, 150));
        }
        else if (card.PublishCommit is { Length: > 0 } commit)
        {
            fields.Add(Field("Commit", $"`{commit}`", 150));
        }
        fields.AddRange(built.Fields.Select(static f => new EmbedField(f.Name, f.Value, f.Inline ? true : null)));
        return new Embed(
            Title: built.Title,
            Description: built.Description,
            Url: Uri.TryCreate(card.Source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? card.Source : null,
            Color: Colour(card.State),
            Footer: new EmbedFooter(card.EpisodeId == Guid.Empty ? built.Footer : $"{built.Footer} · episode {card.EpisodeId:N}"),
            Fields: fields);
    }

    /// <summary>The card as text, the way the <c>card</c> verb prints it.</summary>
    public static string Render(Embed embed, IReadOnlyList<Component> buttons)
    {
        StringBuilder text = new();
        text.Append("# ").AppendLine(embed.Url is null ? embed.Title : $"[{embed.Title}]({embed.Url})");
        text.AppendLine().AppendLine(embed.Description);
        foreach (var field in embed.Fields ?? [])
        {
            text.AppendLine().Append("## ").AppendLine(field.Name).AppendLine(field.Value);
        }
        text.AppendLine().Append("-- ").AppendLine(embed.Footer?.Text);
        text.AppendLine(string.Join(" ", buttons.SelectMany(static row => row.Components ?? []).Select(static b => $"[{b.Label}]")));
        return text.ToString();
    }

    public static IReadOnlyList<Component> CardButtons(ReviewCard card)
    {
        var closed = card.State is EpisodeState.Published or EpisodeState.Gone;
        List<Component> buttons =
        [
            Component.Button(ButtonStyle.Success, "Approve", DeskIds.For(DeskIds.Approve, card.EpisodeId), disabled: closed),
            Component.Button(ButtonStyle.Danger, "Request changes", DeskIds.For(DeskIds.RequestChanges, card.EpisodeId), disabled: closed),
            Component.Button(ButtonStyle.Secondary, "Claims", DeskIds.For(DeskIds.Claims, card.EpisodeId)),
        ];
        if (card.ChangeRequests.Count > 0 && !closed)
        {
            // Its author or an admin clears a request; anyone else is told so.
            buttons.Add(Component.Button(ButtonStyle.Secondary, "Clear request", DeskIds.For(DeskIds.ClearChanges, card.EpisodeId)));
        }
        return [Component.ActionRow([.. buttons])];
    }

    public static string StateLine(ReviewCard card) =>
        $"{ReviewService.StateText(card.State)} · approvals {card.Approvals}/{card.RequiredApprovals} · claims resolved {card.ClaimsResolved}/{card.ClaimsTotal}"
        + (card.Approvers.Count > 0 ? $"\napproved by {string.Join(", ", card.Approvers)}" : "");

    public static string ThreadName(ReviewCard card) => TextFit.Truncate($"Review: {card.DisplayTitle}", 100);

    /// <summary>One claim message in the thread: number, kind, line, text, and the verdict with who gave it.</summary>
    public static string ClaimMessage(ReviewClaim claim)
    {
        var verdict = claim.Verdict == ClaimVerdict.Unverified
            ? "unverified — react ✅ verified · ❌ false · ❓ needs source · ➖ not a claim"
            : $"{DeskEmoji.For(claim.Verdict)} {ReviewService.Describe(claim.Verdict)}{(claim.VerdictBy is null ? "" : $" by {claim.VerdictBy}")}"
              + (string.IsNullOrWhiteSpace(claim.VerdictNote) ? "" : $" — {claim.VerdictNote}");
        var head = $"**{claim.Number}.** {claim.Kind} · line {claim.Line}\n";
        var tail = $"\n{verdict}";
        return head + TextFit.FitMarkdown("> " + claim.Text, 2000 - TextFit.CodePoints(head) - TextFit.CodePoints(tail)) + tail;
    }

    public static string Notice(ReviewNotice notice) => TextFit.FitMarkdown(notice.Text, 2000);

    public static string Digest(ReviewDigest digest)
    {
        StringBuilder text = new();
        text.Append(CultureInfo.InvariantCulture, $"**Reviews waiting more than {digest.RemindAfterHours} h: {digest.Items.Count}**\n");
        foreach (var item in digest.Items)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"• {item.Title} — {ReviewService.StateText(item.State)}, {item.WaitingHours:0} h, approvals {item.Approvals}/{item.RequiredApprovals}, claims {item.ClaimsResolved}/{item.ClaimsTotal}\n");
            if (TextFit.CodePoints(text.ToString()) + TextFit.CodePoints(line) > 1900)
            {
                text.Append("… and more: see /queue");
                break;
            }
            text.Append(line);
        }
        return text.ToString();
    }

    public static int Colour(EpisodeState state) => state switch
    {
        EpisodeState.Published => 0x2ECC71,
        EpisodeState.Approved => 0x1ABC9C,
        EpisodeState.ChangesRequested => 0xE67E22,
        EpisodeState.Stale => 0xF1C40F,
        EpisodeState.Gone => 0x95A5A6,
        EpisodeState.Error => 0xE74C3C,
        _ => 0x3498DB,
    };

    private static EmbedField Field(string name, string value, int maxCodePoints) =>
        new(name, TextFit.FitMarkdown(string.IsNullOrWhiteSpace(value) ? "—" : value, maxCodePoints));
}
