using System.Globalization;
using System.Text;
using EditorialBot.Bot.Cards;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
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
    public static Embed CardEmbed(ReviewCard card, int maxClaims, LineLinks? links = null)
    {
        var note = new CardNote(card.DisplayTitle, card.Source, card.Speaker, card.Date, card.Tags, NoteSummary.FromStored(card.Summary));
        var claims = card.Claims.Select(static c => new Workflow.Claims.Claim(c.Fingerprint,
            c.Verdict == ClaimVerdict.Unverified ? c.Text : $"{DeskEmoji.For(c.Verdict)} {c.Text}", c.Line, c.Kind, c.Score, [], [])
        {
            Number = c.Number,
            Tier = c.Tier == ClaimTier.Check ? ClaimTiers.Check : ClaimTiers.Optional,
            Lines = c.Lines,
        }).ToList();
        var warnings = card.Warnings.Select(static w => new NameWarning("", [], w)).ToList();
        var built = ReviewCardBuilder.Build(note, new ClaimExtraction(claims, warnings, "rules"), maxClaims, s_stateReserve,
            claim => links?.For(card.Path, claim.Line));

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

    /// <summary>A new card: the message the desk posts in the review channel (its thread is started from it).</summary>
    public static MessageCreate NewCard(ReviewCard card, int maxClaims, LineLinks links, string? nonce) =>
        new(Embeds: [CardEmbed(card, maxClaims, links)], Components: CardButtons(card), Nonce: nonce);

    /// <summary>The edit that brings a posted card up to date.</summary>
    public static MessageEdit CardEdit(ReviewCard card, int maxClaims, LineLinks links) =>
        new(Embeds: [CardEmbed(card, maxClaims, links)], Components: CardButtons(card));

    /// <summary>
    /// The thread's claim messages in the order they are posted: each check-tier claim on its own (reactions on it set
    /// its verdict), then the optional ones listed several to a message. <c>Key</c> tells the messages of one post apart
    /// (for their nonces); <c>Claims</c> are the claims each message shows.
    /// </summary>
    public static IReadOnlyList<(MessageCreate Message, string Key, IReadOnlyList<ReviewClaim> Claims)> NewClaims(
        ReviewCard card, IReadOnlyList<ReviewClaim> claims, LineLinks links)
    {
        List<(MessageCreate, string, IReadOnlyList<ReviewClaim>)> messages = [];
        foreach (var claim in claims.Where(static c => c.Tier == ClaimTier.Check))
        {
            messages.Add((new MessageCreate(Content: ClaimMessage(claim, card.Path, links)), claim.Id.ToString(CultureInfo.InvariantCulture), [claim]));
        }
        foreach (var (content, listed) in OptionalLists([.. claims.Where(static c => c.Tier != ClaimTier.Check)], card.Path, links))
        {
            messages.Add((new MessageCreate(Content: content), "o" + listed[0].Id.ToString(CultureInfo.InvariantCulture), listed));
        }
        return messages;
    }

    /// <summary>
    /// The edit of the message that shows <paramref name="claim"/>: its own message, or the optional list it shares
    /// with the other claims of <paramref name="card"/> in that message (re-rendered with every verdict in it).
    /// </summary>
    public static MessageEdit ClaimEdit(ReviewCard card, ReviewClaim claim, LineLinks links)
    {
        var sharing = card.Claims.Where(c => c.MessageId is { } id && id == claim.MessageId).ToList();
        return new(Content: sharing.Count > 1 || claim.Tier == ClaimTier.Optional
            ? OptionalList(sharing.Count == 0 ? [claim] : sharing, card.Path, links)
            : ClaimMessage(claim, card.Path, links));
    }

    public static MessageCreate NewNotice(ReviewNotice notice, string? nonce) => new(Content: Notice(notice), Nonce: nonce);

    public static MessageCreate NewDigest(ReviewDigest digest, string? nonce) => new(Content: Digest(digest), Nonce: nonce);

    public static MessageCreate NewAlert(AdminAlert alert, string? nonce) => new(Content: TextFit.Truncate("⚠️ " + alert.Text, DiscordLimits.Content), Nonce: nonce);

    /// <summary>A message as text: its content, or its embeds (title, description, fields, footer) and buttons.</summary>
    public static string Render(MessageCreate message) => Render(message.Content, message.Embeds, message.Components);

    public static string Render(MessageEdit message) => Render(message.Content, message.Embeds, message.Components);

    private static string Render(string? content, IReadOnlyList<Embed>? embeds, IReadOnlyList<Component>? components)
    {
        StringBuilder text = new();
        if (!string.IsNullOrEmpty(content))
        {
            text.AppendLine(content);
        }
        foreach (var embed in embeds ?? [])
        {
            text.Append(Render(embed, components ?? []));
        }
        return text.ToString();
    }

    private static string Render(Embed embed, IReadOnlyList<Component> buttons)
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
        if (card.OptionalTotal > 0)
        {
            // One click for "the rest are not claims": every optional claim nobody has judged yet.
            var open = card.Claims.Any(static c => c.Tier == ClaimTier.Optional && c.Verdict == ClaimVerdict.Unverified);
            buttons.Add(Component.Button(ButtonStyle.Secondary, "Optional: rest not claims", DeskIds.For(DeskIds.DismissOptional, card.EpisodeId), disabled: closed || !open));
        }
        if (card.ChangeRequests.Count > 0 && !closed)
        {
            // Its author or an admin clears a request; anyone else is told so.
            buttons.Add(Component.Button(ButtonStyle.Secondary, "Clear request", DeskIds.For(DeskIds.ClearChanges, card.EpisodeId)));
        }
        return [Component.ActionRow([.. buttons])];
    }

    public static string StateLine(ReviewCard card) =>
        $"{ReviewText.State(card.State)} · approvals {card.Approvals}/{card.RequiredApprovals} · {ClaimsLine(card)}"
        + (card.Approvers.Count > 0 ? $"\napproved by {string.Join(", ", card.Approvers)}" : "");

    /// <summary>Where the claims stand: the check tier the gate waits for, and the optional tier.</summary>
    public static string ClaimsLine(ReviewCard card) =>
        card.ClaimsTotal + card.OptionalTotal == 0
            ? "no claims found"
            : $"must-check resolved {card.ClaimsResolved}/{card.ClaimsTotal} · optional {card.OptionalResolved}/{card.OptionalTotal}";

    public static string ThreadName(ReviewCard card) => TextFit.Truncate($"Review: {card.DisplayTitle}", 100);

    /// <summary>
    /// One check-tier claim's message in the thread: number, kind, a link to its line, the claim quoted between the
    /// sentences before and after it, and the verdict with who gave it. Reactions on it set the verdict.
    /// </summary>
    public static string ClaimMessage(ReviewClaim claim, string path = "", LineLinks? links = null)
    {
        var verdict = claim.Verdict == ClaimVerdict.Unverified
            ? "unverified — react ✅ verified · ❌ false · ❓ needs source · ➖ not a claim"
            : $"{DeskEmoji.For(claim.Verdict)} {ReviewText.Describe(claim.Verdict)}{(claim.VerdictBy is null ? "" : $" by {claim.VerdictBy}")}"
              + (string.IsNullOrWhiteSpace(claim.VerdictNote) ? "" : $" — {claim.VerdictNote}");
        var tier = claim.Tier == ClaimTier.Check ? "must check" : "optional";
        var head = $"**{claim.Number}.** {claim.Kind} · {tier} · {Where(claim, path, links)}\n";
        var tail = $"\n{verdict}";
        var room = 2000 - TextFit.CodePoints(head) - TextFit.CodePoints(tail);
        var before = claim.Before is { Length: > 0 } b ? TextFit.FitMarkdown("-# " + OneLine(b), Math.Min(200, room / 4)) + "\n" : "";
        var after = claim.After is { Length: > 0 } a ? "\n" + TextFit.FitMarkdown("-# " + OneLine(a), Math.Min(200, room / 4)) : "";
        room -= TextFit.CodePoints(before) + TextFit.CodePoints(after);
        return head + before + TextFit.FitMarkdown("> " + OneLine(claim.Text), room) + after + tail;
    }

    /// <summary>
    /// Optional claims, listed compactly several to a message (each within Discord's 2000): one line each with its
    /// number, verdict and line. Editors set them by number with /claim; the card's button dismisses the rest.
    /// </summary>
    public static List<(string Content, IReadOnlyList<ReviewClaim> Claims)> OptionalLists(IReadOnlyList<ReviewClaim> claims, string path = "", LineLinks? links = null)
    {
        const int limit = 1900;
        List<(string, IReadOnlyList<ReviewClaim>)> messages = [];
        List<ReviewClaim> current = [];
        StringBuilder text = new();
        foreach (var claim in claims.OrderBy(static c => c.Number))
        {
            var line = OptionalLine(claim, path, links);
            if (current.Count > 0 && TextFit.CodePoints(text.ToString()) + 1 + TextFit.CodePoints(line) > limit)
            {
                messages.Add((text.ToString(), current));
                current = [];
                text.Clear();
            }
            if (current.Count == 0)
            {
                text.Append(OptionalHeader).Append('\n');
            }
            text.Append(line).Append('\n');
            current.Add(claim);
        }
        if (current.Count > 0)
        {
            messages.Add((text.ToString(), current));
        }
        return [.. messages.Select(static m => (m.Item1.TrimEnd('\n'), m.Item2))];
    }

    /// <summary>One optional-claims message after a verdict changed: the same lines, re-rendered.</summary>
    public static string OptionalList(IReadOnlyList<ReviewClaim> claims, string path = "", LineLinks? links = null) =>
        TextFit.FitMarkdown(string.Join("\n", OptionalLists(claims, path, links).Select(static m => m.Content)), 2000);

    private const string OptionalHeader = "**Optional claims** — set by number: `/claim` numbers `13,15-20`; or mark the rest not a claim with the card's button";

    private static string OptionalLine(ReviewClaim claim, string path, LineLinks? links)
    {
        var mark = claim.Verdict == ClaimVerdict.Unverified ? "▫️" : DeskEmoji.For(claim.Verdict);
        return TextFit.FitMarkdown($"`{claim.Number}` {mark} {Where(claim, path, links)} · {TextFit.Truncate(OneLine(claim.Text), 90)}{(TextFit.CodePoints(claim.Text) > 90 ? "…" : "")}", 400);
    }

    private static string Where(ReviewClaim claim, string path, LineLinks? links)
    {
        var link = links?.For(path, claim.Line);
        var line = link is null ? $"line {claim.Line}" : $"[line {claim.Line}](<{link}>)";
        return claim.Lines.Count > 1 ? $"{line} (also {string.Join(", ", claim.Lines.Skip(1).Take(5))}{(claim.Lines.Count > 6 ? ", …" : "")})" : line;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    public static string Notice(ReviewNotice notice) => TextFit.FitMarkdown(notice.Text, 2000);

    public static string Digest(ReviewDigest digest)
    {
        StringBuilder text = new();
        text.Append(CultureInfo.InvariantCulture, $"**Reviews waiting more than {digest.RemindAfterHours} h: {digest.Items.Count}**\n");
        foreach (var item in digest.Items)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"• {item.Title} — {ReviewText.State(item.State)}, {item.WaitingHours:0} h, approvals {item.Approvals}/{item.RequiredApprovals}, claims {item.ClaimsResolved}/{item.ClaimsTotal}\n");
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
