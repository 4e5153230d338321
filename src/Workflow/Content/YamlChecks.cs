namespace EditorialBot.Workflow.Content;

/// <summary>Whole-document checks after parsing.</summary>
internal static class YamlChecks
{
    /// <summary>
    /// What makes js-yaml reject the document: duplicate keys in any mapping, unknown tags. Hugo and Jekyll keep the last
    /// duplicate, so for them a duplicate is a warning.
    /// </summary>
    public static FrontMatterError? FirstProblem(YamlNode node, string source, DraftDialect dialect, List<string> warnings)
    {
        if (node is YamlAlias)
        {
            return null;
        }
        if (node.Tag is { } tag && !ScalarTags.IsKnown(tag))
        {
            return new FrontMatterError($"unknown YAML tag '{tag}'", FrontMatter.LineAt(source, node.Start));
        }
        switch (node)
        {
            case YamlSequence sequence:
                foreach (var item in sequence.Items)
                {
                    if (FirstProblem(item, source, dialect, warnings) is { } problem)
                    {
                        return problem;
                    }
                }
                break;
            case YamlMapping mapping:
                Dictionary<string, YamlNode>? keys = mapping.Entries.Count > 1 ? new(StringComparer.Ordinal) : null;
                foreach (var (key, value) in mapping.Entries)
                {
                    if (keys is not null && !FrontMatter.IsMergeKey(key) && FrontMatter.KeyText(key) is { } text && !keys.TryAdd(text, key))
                    {
                        var message = $"duplicate key '{text}' (first on line {FrontMatter.LineAt(source, keys[text].Start)})";
                        if (dialect == DraftDialect.Eleventy)
                        {
                            return new FrontMatterError(message, FrontMatter.LineAt(source, key.Start));
                        }
                        warnings.Add($"line {FrontMatter.LineAt(source, key.Start)}: {message}; the last one wins");
                    }
                    if ((FirstProblem(key, source, dialect, warnings) ?? FirstProblem(value, source, dialect, warnings)) is { } problem)
                    {
                        return problem;
                    }
                }
                break;
        }
        return null;
    }
}
