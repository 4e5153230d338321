namespace EditorialBot.Workflow.Content;

/// <summary>Proves an edit (front-matter.md §6.4): the new bytes parse, and only draft and status changed.</summary>
internal static class EditVerifier
{
    /// <summary>Re-parses the new bytes: only draft and status may differ, the body must be byte-identical.</summary>
    public static string? Verify(byte[] before, FrontMatterResult old, byte[] after, FrontMatterEdit edit, DraftDialect dialect)
    {
        var parsed = FrontMatter.Parse(after, dialect);
        if (parsed.Error is { } error)
        {
            return $"the new front matter does not parse ({error})";
        }
        if (parsed.Document is not { } document || old.Document is not { } oldDocument)
        {
            return "the new front matter is missing";
        }
        if (!before.AsSpan(old.BodyByteOffset).SequenceEqual(after.AsSpan(parsed.BodyByteOffset)))
        {
            return "the body would change";
        }
        if (!before.AsSpan(0, oldDocument.Fence.YamlStart).SequenceEqual(after.AsSpan(0, document.Fence.YamlStart)))
        {
            return "the opening fence would change";
        }
        if (parsed.Draft != edit.DraftToken)
        {
            return $"draft reads '{parsed.Draft}' instead of '{edit.DraftToken}'";
        }
        var newStatus = document.Find("status");
        switch (edit.Status)
        {
            case StatusAction.Set when parsed.Status != edit.StatusText:
                return $"status reads '{parsed.Status}' instead of '{edit.StatusText}'";
            case StatusAction.SetRaw when newStatus is null || !RawInner(document, newStatus).Equals(edit.StatusText ?? "", StringComparison.Ordinal):
                return "status was not restored";
            case StatusAction.Remove when newStatus is not null:
                return "status is still there";
        }
        var oldOthers = Others(oldDocument);
        var newOthers = Others(document);
        if (!oldOthers.SequenceEqual(newOthers))
        {
            return "a key other than draft and status would change";
        }
        return null;
    }

    private static string RawInner(FrontMatterDocument document, RootEntry entry)
    {
        var raw = document.Raw(entry.Value);
        return entry.Value is YamlScalar { IsQuoted: true } && raw.Length >= 2 ? raw[1..^1] : raw;
    }

    private static List<string> Others(FrontMatterDocument document)
    {
        var others = new List<string>(document.Entries.Count);
        foreach (var entry in document.Entries)
        {
            if (entry.Key is "draft" or "status")
            {
                continue;
            }
            others.Add(entry.KeyNode.Canonical() + "\u0002" + entry.Value.Canonical());
        }
        return others;
    }
}
