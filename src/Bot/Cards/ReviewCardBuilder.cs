using System.Globalization;
using System.Text;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Bot.Cards;

/// <summary>What the card shows about the note itself (from its front matter).</summary>
internal sealed record CardNote(string Title, string? Source, string? Speaker, string? Date, IReadOnlyList<string> Tags, NoteSummary Summary);

/// <summary>
/// Builds the review card: the top <c>Claims:MaxPerEpisode</c> claims by score, shown in document order,
/// packed into fields; name warnings; and a footer saying how many claims are not shown.
/// </summary>
internal static class ReviewCardBuilder
{
    private const int FooterReserve = 200;

    /// <param name="reserve">Code points and fields left free for what the caller adds (the review desk's state fields).</param>
    public static ClaimCard Build(CardNote note, ClaimExtraction extraction, int maxClaims, (int CodePoints, int Fields) reserve = default)
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

        // Rank by score (ties: earlier first), keep the top N, then show them in document order.
        var ranked = extraction.Claims
            .Select(static (claim, position) => (claim, position))
            .OrderByDescending(static c => c.claim.Score)
            .ThenBy(static c => c.position)
            .Take(Math.Max(0, maxClaims))
            .OrderBy(static c => c.position)
            .ToList();

        List<string> shownIds = [];
        var lines = new StringBuilder();
        int first = 0, number = 0;
        var full = false;
        foreach (var (claim, _) in ranked)
        {
            var line = TextFit.FitMarkdown(ClaimLine(number + 1, claim), ClaimCard.FieldValueLimit);
            var needed = TextFit.CodePoints(line) + (lines.Length > 0 ? 1 : 0);
            if (lines.Length > 0 && TextFit.CodePoints(lines.ToString()) + needed > ClaimCard.FieldValueLimit)
            {
                if (!Flush())
                {
                    full = true;
                    break;
                }
            }
            if (budget - needed - 24 < 0 || fields.Count >= fieldLimit)
            {
                full = true;
                break;
            }
            if (lines.Length > 0)
            {
                lines.Append('\n');
            }
            else
            {
                first = number + 1;
            }
            lines.Append(line);
            budget -= needed;
            number++;
            shownIds.Add(claim.Id);
        }
        if (!full && lines.Length > 0)
        {
            Flush();
        }
        else if (full && lines.Length > 0 && fields.Count < fieldLimit)
        {
            Flush();
        }
        else if (full && lines.Length > 0)
        {
            // No field left for the last lines: they are not shown.
            shownIds.RemoveRange(first - 1, number - first + 1);
            number = first - 1;
        }

        var hidden = extraction.Claims.Count - shownIds.Count;
        var footer = extraction.Claims.Count == 0
            ? $"No check-worthy claims found ({extraction.Extractor})."
            : hidden > 0
                ? $"{shownIds.Count} of {extraction.Claims.Count} claims shown, {hidden} more not shown ({extraction.Extractor})."
                : $"{extraction.Claims.Count} claims ({extraction.Extractor}).";
        return new ClaimCard(title, note.Source, description, fields, TextFit.FitMarkdown(footer, ClaimCard.FooterLimit), shownIds, hidden);

        bool Flush()
        {
            if (fields.Count >= fieldLimit)
            {
                return false;
            }
            var name = first == number ? $"Claim {first}" : $"Claims {first}–{number}";
            fields.Add(new CardField(name, lines.ToString()));
            budget -= TextFit.CodePoints(name);
            lines.Clear();
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

    internal static string ClaimLine(int number, Claim claim)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"`{number}` **{claim.Kind}** · line {claim.Line} · {claim.Score:0.00}\n");
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
