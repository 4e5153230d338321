using System.Text;

namespace EditorialBot.Workflow.Content;

/// <summary>
/// Edits <c>draft</c> and <c>status</c> by splicing bytes at the parser's positions (front-matter.md §6.2): no YAML is
/// re-serialized, every other byte stays. Refuses what it cannot edit safely (§6.3) and proves the result by re-parsing (§6.4).
/// </summary>
internal static class FrontMatterEditor
{
    public static EditResult Apply(byte[] bytes, FrontMatterResult parsed, FrontMatterEdit edit, DraftDialect dialect)
    {
        if (parsed.Error is { } error)
        {
            return new EditResult(null, error, null, null, false);
        }
        if (parsed.Document is not { Root: { } root } document)
        {
            return EditResult.Refuse("the file has no front matter to edit", 1);
        }
        if (edit.DraftToken.Length == 0 || edit.DraftToken.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return EditResult.Refuse($"the draft value to write '{edit.DraftToken}' is not a single-line value", 1);
        }
        if (Problem(document, root) is { } problem)
        {
            return new EditResult(null, problem, null, null, false);
        }

        var draftEntry = document.Find("draft")!;
        var statusEntry = document.Find("status");
        var splices = new List<Splice>(2);
        var draftValue = (YamlScalar)draftEntry.Value;
        var draftStart = document.ByteAt(draftValue.Start);
        var draftEnd = document.ByteAt(draftValue.End);
        splices.Add(draftStart == draftEnd
            ? new Splice(draftStart, draftEnd, " " + edit.DraftToken)
            : new Splice(draftStart, draftEnd, edit.DraftToken));

        string? previousStatus = null;
        var inserted = false;
        if (statusEntry is not null)
        {
            var status = (YamlScalar)statusEntry.Value;
            var (innerStart, innerEnd) = Inner(document, status);
            previousStatus = Encoding.UTF8.GetString(bytes.AsSpan(innerStart, innerEnd - innerStart));
            switch (edit.Status)
            {
                case StatusAction.Set:
                case StatusAction.SetRaw:
                    var text = edit.Status == StatusAction.SetRaw ? edit.StatusText ?? "" : Escape(edit.StatusText ?? "", status);
                    if (innerStart == innerEnd && status.IsPlain)
                    {
                        // An empty value sits right after the colon: give the new value its space.
                        splices.Add(new Splice(innerStart, innerEnd, " " + text));
                    }
                    else if (text.Length == 0 && status.IsPlain && innerStart > 0 && bytes[innerStart - 1] == (byte)' ')
                    {
                        // Restoring an empty value: take back the space that setting it added.
                        splices.Add(new Splice(innerStart - 1, innerEnd, ""));
                    }
                    else
                    {
                        splices.Add(new Splice(innerStart, innerEnd, text));
                    }
                    break;
                case StatusAction.Remove:
                    if (LineOf(bytes, document, statusEntry) is not var (lineStart, lineEnd))
                    {
                        return EditResult.Refuse("the status line holds more than the status key and value", document.LineAt(statusEntry.KeyNode.Start));
                    }
                    splices.Add(new Splice(lineStart, lineEnd, ""));
                    break;
            }
        }
        else if (edit.Status is StatusAction.Set)
        {
            var keyStart = document.ByteAt(draftEntry.KeyNode.Start);
            var lineStart = bytes.AsSpan(0, keyStart).LastIndexOf((byte)'\n') + 1;
            var indent = bytes.AsSpan(lineStart, keyStart - lineStart);
            if (indent.IndexOfAnyExcept(" \t"u8) >= 0)
            {
                return EditResult.Refuse("the draft key does not start its line", document.LineAt(draftEntry.KeyNode.Start));
            }
            var newline = bytes.AsSpan(draftEnd).IndexOf((byte)'\n');
            if (newline < 0 || draftEnd + newline >= document.Fence.YamlEnd)
            {
                return EditResult.Refuse("cannot find the end of the draft line", document.LineAt(draftValue.Start));
            }
            var at = draftEnd + newline + 1;
            var eol = at >= 2 && bytes[at - 2] == (byte)'\r' ? "\r\n" : "\n";
            var line = Encoding.UTF8.GetString(indent) + "status: " + PlainOrQuoted(edit.StatusText ?? "") + eol;
            splices.Add(new Splice(at, at, line));
            inserted = true;
        }

        var result = Splice.Apply(bytes, splices);
        if (EditVerifier.Verify(bytes, parsed, result, edit, dialect) is { } failure)
        {
            return EditResult.Refuse("the edit did not verify: " + failure, document.LineAt(draftValue.Start));
        }
        return new EditResult(result, null, document.Raw(draftValue), previousStatus, inserted);
    }

    /// <summary>Everything §6.3 refuses, checked before touching a byte.</summary>
    private static FrontMatterError? Problem(FrontMatterDocument document, YamlMapping root)
    {
        FrontMatterError At(string message, YamlNode node) => new(message, document.LineAt(node.Start));

        if (root.IsFlow)
        {
            return At("the front matter is a flow-style mapping ({ ... })", root);
        }
        if (root.Anchor is not null || root.Tag is not null)
        {
            return At("the front matter mapping has an anchor or tag", root);
        }
        if (document.ExplicitEndIndex >= 0)
        {
            return new FrontMatterError("the front matter ends with a '...' document end marker", document.LineAt(document.ExplicitEndIndex));
        }
        if (document.HasMergeKey)
        {
            var merge = root.Entries.First(e => FrontMatter.IsMergeKey(e.Key)).Key;
            return At("the front matter uses a '<<' merge key, which may provide draft or status", merge);
        }
        RootEntry? draft = null;
        RootEntry? status = null;
        foreach (var entry in document.Entries)
        {
            if (entry.Key is null)
            {
                continue;
            }
            if (entry.Key == "draft")
            {
                if (draft is not null)
                {
                    return At($"duplicate key 'draft' (first on line {document.LineAt(draft.KeyNode.Start)})", entry.KeyNode);
                }
                draft = entry;
            }
            else if (entry.Key == "status")
            {
                if (status is not null)
                {
                    return At($"duplicate key 'status' (first on line {document.LineAt(status.KeyNode.Start)})", entry.KeyNode);
                }
                status = entry;
            }
            else if (entry.Key.Equals("draft", StringComparison.OrdinalIgnoreCase))
            {
                return At($"key '{entry.Key}' differs from 'draft' only by case; generators disagree on it", entry.KeyNode);
            }
        }
        if (draft is null)
        {
            return new FrontMatterError("the front matter has no top-level 'draft' key", FenceLocation.YamlFirstLine);
        }
        return ScalarProblem(document, draft, "draft") ?? (status is null ? null : ScalarProblem(document, status, "status"));
    }

    private static FrontMatterError? ScalarProblem(FrontMatterDocument document, RootEntry entry, string name)
    {
        FrontMatterError At(string message, YamlNode node) => new(message, document.LineAt(node.Start));

        if (entry.KeyNode is not YamlScalar { Anchor: null, Tag: null } key || !(key.IsPlain || key.IsQuoted))
        {
            return At($"the '{name}' key has an alias, anchor or tag", entry.KeyNode);
        }
        return entry.Value switch
        {
            YamlAlias => At($"'{name}' takes its value from an alias", entry.Value),
            { Anchor: not null } => At($"'{name}' has an anchor", entry.Value),
            { Tag: not null } => At($"'{name}' has an explicit tag", entry.Value),
            YamlSequence => At($"'{name}' is a list, not a single value", entry.Value),
            YamlMapping => At($"'{name}' is a mapping, not a single value", entry.Value),
            YamlScalar { IsBlock: true } => At($"'{name}' is a block scalar (| or >)", entry.Value),
            _ => null,
        };
    }

    /// <summary>The bytes inside a scalar's quotes (or the whole plain scalar).</summary>
    private static (int Start, int End) Inner(FrontMatterDocument document, YamlScalar scalar)
    {
        var start = document.ByteAt(scalar.Start);
        var end = document.ByteAt(scalar.End);
        return scalar.IsQuoted && end - start >= 2 ? (start + 1, end - 1) : (start, end);
    }

    private static string Escape(string value, YamlScalar style) => style.Style switch
    {
        YamlDotNet.Core.ScalarStyle.SingleQuoted => value.Replace("'", "''"),
        YamlDotNet.Core.ScalarStyle.DoubleQuoted => value.Replace("\\", "\\\\").Replace("\"", "\\\""),
        _ => PlainOrQuoted(value),
    };

    /// <summary>The value as a plain scalar when that reads back as the same string, else double-quoted.</summary>
    private static string PlainOrQuoted(string value)
    {
        var plainSafe = value.Length > 0
            && value.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./") < 0
            && char.IsAsciiLetter(value[0])
            && value is not ("true" or "True" or "TRUE" or "false" or "False" or "FALSE" or "null" or "Null" or "NULL"
                or "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "Y" or "n" or "N");
        return plainSafe ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    /// <summary>The whole line(s) of an entry (line start through its line ending) when nothing else is on them.</summary>
    private static (int Start, int End)? LineOf(byte[] bytes, FrontMatterDocument document, RootEntry entry)
    {
        var keyStart = document.ByteAt(entry.KeyNode.Start);
        var valueEnd = document.ByteAt(entry.Value.End);
        var lineStart = bytes.AsSpan(0, keyStart).LastIndexOf((byte)'\n') + 1;
        if (bytes.AsSpan(lineStart, keyStart - lineStart).IndexOfAnyExcept(" \t"u8) >= 0)
        {
            return null;
        }
        var newline = bytes.AsSpan(valueEnd).IndexOf((byte)'\n');
        if (newline < 0 || valueEnd + newline >= document.Fence.YamlEnd)
        {
            return null;
        }
        var rest = bytes.AsSpan(valueEnd, newline).TrimEnd((byte)'\r').Trim(" \t"u8);
        if (rest.Length > 0 && rest[0] != (byte)'#')
        {
            return null;
        }
        return (lineStart, valueEnd + newline + 1);
    }
}
