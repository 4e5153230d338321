using System.Globalization;
using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>The stored forms of a claim's lists (lines, aliases) and the way claim numbers are written (3, 5–9).</summary>
public static class ClaimText
{
    public static IReadOnlyList<int> Lines(Claim claim)
    {
        if (string.IsNullOrEmpty(claim.Lines))
        {
            return [claim.Line];
        }
        List<int> lines = [];
        foreach (var part in claim.Lines.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var line))
            {
                lines.Add(line);
            }
        }
        return lines.Count == 0 ? [claim.Line] : lines;
    }

    public static string? JoinLines(IReadOnlyList<int>? lines) =>
        lines is { Count: > 1 } ? string.Join(',', lines.Select(static l => l.ToString(CultureInfo.InvariantCulture))) : null;

    public static IReadOnlyList<string> Aliases(Claim claim) =>
        string.IsNullOrEmpty(claim.Aliases) ? [] : claim.Aliases.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Numbers as an editor would type them back: <c>1, 3, 5–9</c>.</summary>
    public static string Numbers(IEnumerable<int> numbers)
    {
        var sorted = numbers.Distinct().Order().ToList();
        List<string> parts = [];
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}{(j == i + 1 ? "," : "-")}{sorted[j]}"));
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    /// <summary>
    /// Reads a list of claim numbers and ranges, <c>3,5-9</c> (spaces, "–" and "、" also accepted). At most
    /// <paramref name="max"/> numbers, so a typo like <c>1-99999999</c> is refused rather than expanded.
    /// </summary>
    public static bool TryParseNumbers(string? text, out IReadOnlyList<int> numbers, out string problem, int max = 5000)
    {
        numbers = [];
        problem = "";
        SortedSet<int> found = [];
        var parts = (text ?? "").Replace('–', '-').Replace('—', '-').Replace('、', ',').Replace('，', ',').Replace(' ', ',')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            problem = "give claim numbers, e.g. 3 or 3,5-9";
            return false;
        }
        foreach (var part in parts)
        {
            var dash = part.IndexOf('-');
            int low, high;
            if (dash > 0)
            {
                if (!TryNumber(part[..dash], out low) || !TryNumber(part[(dash + 1)..], out high) || high < low)
                {
                    problem = $"'{part}' is not a range of claim numbers like 5-9";
                    return false;
                }
            }
            else if (TryNumber(part, out low))
            {
                high = low;
            }
            else
            {
                problem = $"'{part}' is not a claim number";
                return false;
            }
            if (high - low + 1 > max - found.Count)
            {
                problem = $"too many claims at once (at most {max})";
                return false;
            }
            for (var n = low; n <= high; n++)
            {
                found.Add(n);
            }
        }
        numbers = [.. found];
        return true;
    }

    private static bool TryNumber(string text, out int number) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;
}
