using System.Globalization;
using System.Text;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Bot.Cards;

/// <summary>What the card shows about the note itself (from its front matter).</summary>
internal sealed record CardNote(string Title, string? Source, string? Speaker, string? Date, IReadOnlyList<string> Tags, NoteSummary Summary);

/// <summary>
/// Builds the review card: the check tier first (every claim an editor must resolve, in document order), then
/// optional claims while fewer than <c>Claims:MaxPerEpisode</c> are shown, packed into fields; name warnings; and a
/// footer saying how many optional claims exist. Each claim shows its own number, the one the thread and /claim use.
/// </summary>
internal static class ReviewCardBuilder
{
    private const int FooterReserve = 200;

    /// <param name="reserve">Code points and fields left free for what the caller adds (the review desk's state fields).</param>
    /// <param name="link">The forge link of a claim's line, or null (see <c>Content:BrowseUrl</c>).</param>
    public static ClaimCard Build(CardNote note, ClaimExtraction extraction, int maxClaims, (int CodePoints, int Fields) reserve = default, Func<Claim, string?>? link = null)
    {
        var fieldLimit = ClaimCard.FieldCountLimit - reserve.Fields;
        var title = TextFit.FitMarkdown(Clean(note.Title), ClaimCard.TitleLimit);
        var budget = ClaimCard.TotalLimit - TextFit.CodePoints(title) - FooterReserve - reserve.CodePoints;

        var description = TextFit.FitMarkdown(Description(note), Math.Min(ClaimCard.DescriptionLimit, budget / 3));
        budget -= TextFit.CodePoints(description);

        List<CardField> fields = [];
        if (extraction.Warnings.Count > 0)
        {
            var value = TextFit.FitMarkdown(string.Join("\n", extraction.Warnings.Select(static w => "⚠ " + w.Message)), Math.Min(ClaimCard.FieldValueLimit, budget / 4));
            fields.Add(new CardField("Name check", value));
            budget -= TextFit.CodePoints("Name check") + TextFit.CodePoints(value);
        }

        var check = extraction.Claims.Where(static c => c.Tier == ClaimTiers.Check).ToList();
        var optional = extraction.Claims.Where(static c => c.Tier != ClaimTiers.Check).ToList();
        List<string> shownIds = [];
        var full = false;
        Pack("Must check", check, int.MaxValue);
        var optionalShown = shownIds.Count;
        Pack("Optional", optional, Math.Max(0, maxClaims - shownIds.Count));
        optionalShown = shownIds.Count - optionalShown;

        var hidden = extraction.Claims.Count - shownIds.Count;
        var footer = extraction.Claims.Count == 0
            ? $"No check-worthy claims found: approval alone publishes ({extraction.Extractor})."
            : $"{check.Count} must-check · {optional.Count} optional"
              + (hidden > 0 ? $" · {shownIds.Count} of {extraction.Claims.Count} claims shown, {hidden} more not shown (all are in the thread)" : "")
              + $" ({extraction.Extractor}).";
        return new ClaimCard(title, note.Source, description, fields, TextFit.FitMarkdown(footer, ClaimCard.FooterLimit), shownIds, hidden);

        void Pack(string heading, List<Claim> claims, int most)
        {
            var lines = new StringBuilder();
            var inField = new List<string>();
            var taken = 0;
            foreach (var claim in claims)
            {
                if (full || taken >= most)
                {
                    break;
                }
                var line = TextFit.FitMarkdown(ClaimLine(claim.Number, claim, link?.Invoke(claim)), ClaimCard.FieldValueLimit);
                var needed = TextFit.CodePoints(line) + (lines.Length > 0 ? 1 : 0);
                if (lines.Length > 0 && TextFit.CodePoints(lines.ToString()) + needed > ClaimCard.FieldValueLimit)
                {
                    if (!Flush(heading, lines, inField))
                    {
                        full = true;
                        break;
                    }
                    needed--;
                }
                if (budget - needed - 40 < 0 || fields.Count >= fieldLimit)
                {
                    full = true;
                    break;
                }
                if (lines.Length > 0)
                {
                    lines.Append('\n');
                }
                lines.Append(line);
                budget -= needed;
                inField.Add(claim.Id);
                taken++;
            }
            if (lines.Length > 0 && !Flush(heading, lines, inField) && fields.Count >= fieldLimit)
            {
                full = true;
            }
        }

        bool Flush(string heading, StringBuilder lines, List<string> inField)
        {
            if (fields.Count >= fieldLimit)
            {
                // No field left for these lines: they are not shown.
                lines.Clear();
                inField.Clear();
                return false;
            }
            var name = fields.Any(f => f.Name.StartsWith(heading, StringComparison.Ordinal)) ? $"{heading} (continued)" : heading;
            fields.Add(new CardField(name, lines.ToString()));
            budget -= TextFit.CodePoints(name);
            shownIds.AddRange(inField);
            lines.Clear();
            inField.Clear();
            return fields.Count < fieldLimit;
        }
    }

    private static string Description(CardNote note)
    {
        var text = new StringBuilder();
        text.Append(note.Summary.Generated ? "**Summary** (generated from the opening)\n" : "**Summary**\n");
        text.Append(Clean(note.Summary.Text)).Append("\n\n");
        List<string> facts = [];
        if (!string.IsNullOrWhiteSpace(note.Speaker))
        {
            facts.Add($"**Speaker** {Clean(note.Speaker)}");
        }
        if (!string.IsNullOrWhiteSpace(note.Date))
        {
            facts.Add($"**Date** {Clean(note.Date)}");
        }
        if (note.Tags.Count > 0)
        {
            facts.Add($"**Tags** {string.Join(", ", note.Tags.Select(Clean))}");
        }
        text.Append(string.Join(" · ", facts));
        return text.ToString().TrimEnd();
    }

    internal static string ClaimLine(int number, Claim claim, string? link = null)
    {
        var line = new StringBuilder();
        var where = link is null ? $"line {claim.Line}" : $"[line {claim.Line}](<{link}>)";
        var more = claim.Lines.Count > 1 ? $" (also {string.Join(", ", claim.Lines.Skip(1).Take(5))}{(claim.Lines.Count > 6 ? ", …" : "")})" : "";
        line.Append(CultureInfo.InvariantCulture, $"`{number}` **{claim.Kind}** · {where}{more} · {claim.Score:0.00}\n");
        line.Append(Clean(claim.Text));
        var values = claim.Values.Where(static v => v.Type != "date" || v.Period is not null).Take(4).Select(FormatValue).ToList();
        if (values.Count > 0)
        {
            line.Append("\n→ ").Append(string.Join("; ", values));
        }
        return line.ToString();
    }

    internal static string FormatValue(ClaimValue value)
    {
        if (value.Period is not null)
        {
            return value.Period;
        }
        var number = value.Type is "percent" ? value.Value * 100 : value.Value;
        var upper = value.Type is "percent" ? value.Upper * 100 : value.Upper;
        var text = Number(number) + (upper is null ? "" : "–" + Number(upper));
        text += value.Type switch
        {
            "percent" when value.Unit == "pp" => " pp",
            "percent" => "%",
            "ratio" => "×",
            _ => value.Unit is null ? "" : " " + value.Unit,
        };
        return value.Approximate ? "≈" + text : text;
    }

    private static string Number(double? value) => value switch
    {
        null => "?",
        >= 1e8 or <= -1e8 => value.Value.ToString("0.###e0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("#,0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>Embeds render Markdown: escape the characters that would turn note text into markup.</summary>
    private static string Clean(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("`", "\\`", StringComparison.Ordinal).Replace("~", "\\~", StringComparison.Ordinal);
}
