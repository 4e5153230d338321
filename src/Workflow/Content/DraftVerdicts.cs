namespace EditorialBot.Workflow.Content;

/// <summary>Warnings where the generators read a note's draft differently (front-matter.md §1.5).</summary>
internal static class DraftVerdicts
{
    public static void AddWarnings(FrontMatterDocument document, RootEntry? draftEntry, bool[] verdicts, List<string> warnings)
    {
        foreach (var entry in document.Entries)
        {
            if (entry.Key is { } key && key != "draft" && key.Equals("draft", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"line {document.LineAt(entry.KeyNode.Start)}: key '{key}' is not spelled 'draft': Eleventy and Jekyll ignore it, Hugo reads it");
            }
        }
        var anchorEntry = draftEntry ?? FindIgnoringCase(document, "draft");
        if (anchorEntry is null)
        {
            return;
        }
        var line = document.LineAt(anchorEntry.Value.Start);
        var raw = document.Raw(anchorEntry.Value);
        if (verdicts.Distinct().Count() > 1)
        {
            var readings = string.Join(", ", DraftTruth.All.Select((c, i) => $"{DraftTruth.Name(c)}: {(verdicts[i] ? "draft" : "not a draft")}"));
            warnings.Add($"line {line}: draft value '{Shorten(raw)}' is read differently by the site generators ({readings})");
        }
        if (anchorEntry.FromMerge)
        {
            warnings.Add($"line {line}: draft comes through a '<<' merge key; publishing will refuse this file");
        }
        else if (anchorEntry.Value is YamlAlias || anchorEntry.Value.Anchor is not null || anchorEntry.Value.Tag is not null)
        {
            warnings.Add($"line {line}: draft uses an alias, anchor or tag; publishing will refuse this file");
        }
    }

    private static string Shorten(string raw)
    {
        var oneLine = raw.ReplaceLineEndings(" ");
        return oneLine.Length <= 40 ? oneLine : oneLine[..40] + "…";
    }

    public static RootEntry? FindIgnoringCase(FrontMatterDocument document, string key)
    {
        for (var i = document.Entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(document.Entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return document.Entries[i];
            }
        }
        return null;
    }
}
