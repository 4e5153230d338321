using System.CommandLine;
using System.Text;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Bot.Cli;

/// <summary>One note in <c>scan</c>/<c>drafts</c> JSON output.</summary>
internal sealed record ScanItem(
    string Path,
    bool Draft,
    string? Error,
    string? Title,
    string? Status,
    IReadOnlyList<string> Warnings,
    int? ErrorLine,
    string? DraftValue,
    string? Summary,
    string? Source,
    string? Speaker,
    string? Date,
    IReadOnlyList<string> Tags,
    int BodyStartLine)
{
    public static ScanItem From(ScanEntry entry)
    {
        var fm = entry.FrontMatter;
        return new ScanItem(entry.File.RelativePath, fm.IsDraft, fm.Error?.ToString(), fm.Title, fm.Status, fm.Warnings,
            fm.Error?.Line, fm.Draft, fm.Summary, fm.Source, fm.Speaker, fm.Date, fm.Tags, fm.BodyStartLine);
    }
}

/// <summary>The shared body of <c>scan</c> and <c>drafts</c>: walk, read front matter, print JSON or a table.</summary>
internal static class ScanReport
{
    public static Command CreateCommand(CliContext context, string name, string description, bool draftsOnly)
    {
        Option<string> content = new("--content") { Description = "The content folder (default: Content:Root)." };
        Option<bool> json = new("--json") { Description = "Print a JSON array instead of a table." };
        Command command = new(name, description) { content, json };
        command.SetAction(parse => Run(context, parse.GetValue(content), parse.GetValue(json), draftsOnly));
        return command;
    }

    private static int Run(CliContext context, string? contentOption, bool json, bool draftsOnly)
    {
        if (context.Content(contentOption) is not { } content)
        {
            return ExitCodes.Usage;
        }
        var entries = ContentScanner.Scan(content.FullRoot, content.DraftDialect, content.NoteExtensions);
        var items = new List<ScanItem>(entries.Count);
        foreach (var entry in entries)
        {
            if (!draftsOnly || entry.FrontMatter.IsDraft)
            {
                items.Add(ScanItem.From(entry));
            }
        }
        if (json)
        {
            CliJson.Write(context.Out, items);
        }
        else
        {
            WriteTable(context.Out, items, entries, draftsOnly);
        }
        return ExitCodes.Success;
    }

    private static void WriteTable(TextWriter output, List<ScanItem> items, IReadOnlyList<ScanEntry> all, bool draftsOnly)
    {
        var pathWidth = Math.Clamp(items.Count == 0 ? 4 : items.Max(i => DisplayWidth(i.Path)), 4, 60);
        var statusWidth = Math.Clamp(items.Count == 0 ? 6 : items.Max(i => DisplayWidth(i.Status ?? "")), 6, 16);
        var text = new StringBuilder();
        text.Append(Pad("DRAFT", 6)).Append(Pad("PATH", pathWidth + 2)).Append(Pad("STATUS", statusWidth + 2)).AppendLine("TITLE / PROBLEM");
        foreach (var item in items)
        {
            var mark = item.Error is not null ? "ERROR" : item.Draft ? "yes" : "no";
            var last = item.Error ?? item.Title ?? "";
            text.Append(Pad(mark, 6)).Append(Pad(Cut(item.Path, 60), pathWidth + 2)).Append(Pad(Cut(item.Status ?? "", 16), statusWidth + 2))
                .AppendLine(Cut(last, 60));
            foreach (var warning in item.Warnings)
            {
                text.Append("      warning: ").AppendLine(warning);
            }
        }
        var drafts = all.Count(e => e.FrontMatter.IsDraft);
        var broken = all.Count(e => e.FrontMatter.Error is not null);
        var warned = all.Count(e => e.FrontMatter.Warnings.Count > 0);
        text.Append(all.Count).Append(all.Count == 1 ? " note: " : " notes: ").Append(drafts).Append(drafts == 1 ? " draft, " : " drafts, ")
            .Append(all.Count - drafts - broken).Append(" not drafts, ").Append(broken).Append(" broken, ")
            .Append(warned).Append(" with warnings");
        if (draftsOnly)
        {
            text.Append(" (listing drafts only)");
        }
        output.WriteLine(text.ToString());
    }

    private static string Pad(string value, int width) => value + new string(' ', Math.Max(1, width - DisplayWidth(value)));

    private static string Cut(string value, int width)
    {
        value = value.ReplaceLineEndings(" ");
        if (DisplayWidth(value) <= width)
        {
            return value;
        }
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            var w = RuneWidth(rune);
            if (used + w > width - 1)
            {
                break;
            }
            builder.Append(rune.ToString());
            used += w;
        }
        return builder.Append('…').ToString();
    }

    /// <summary>Terminal columns: CJK and full-width characters take two.</summary>
    internal static int DisplayWidth(string value)
    {
        var width = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            width += RuneWidth(rune);
        }
        return width;
    }

    private static int RuneWidth(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F
            or >= 0x20000 and <= 0x3FFFD => 2,
        _ => 1,
    };
}
