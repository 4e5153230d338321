using YamlDotNet.Core;

namespace EditorialBot.Workflow.Content;

/// <summary>
/// A small tree of the front matter, with source positions (UTF-16 indexes into the parsed text). Aliases are kept
/// as references and never expanded, so an alias bomb stays small.
/// </summary>
internal abstract class YamlNode
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public string? Anchor { get; init; }
    /// <summary>The resolved tag (<c>tag:yaml.org,2002:str</c>), <c>!</c> for the non-specific tag, or null.</summary>
    public string? Tag { get; init; }

    /// <summary>A comparable rendering of the value (aliases by name), used to prove an edit changed nothing else.</summary>
    public abstract void AppendCanonical(System.Text.StringBuilder into);
}

internal sealed class YamlScalar : YamlNode
{
    public required string Value { get; init; }
    public required ScalarStyle Style { get; init; }

    public bool IsPlain => Style is ScalarStyle.Plain or ScalarStyle.Any;
    public bool IsQuoted => Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
    public bool IsBlock => Style is ScalarStyle.Literal or ScalarStyle.Folded;

    public override void AppendCanonical(System.Text.StringBuilder into) =>
        into.Append(Tag).Append(IsPlain ? "=" : "'").Append(Value.Replace("\\", "\\\\").Replace("\u0001", "\\1")).Append('\u0001');
}

internal sealed class YamlSequence : YamlNode
{
    public required IReadOnlyList<YamlNode> Items { get; init; }
    public required bool IsFlow { get; init; }

    public override void AppendCanonical(System.Text.StringBuilder into)
    {
        into.Append(Tag).Append('[');
        foreach (var item in Items)
        {
            item.AppendCanonical(into);
        }
        into.Append(']');
    }
}

internal sealed class YamlMapping : YamlNode
{
    public required IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries { get; init; }
    public required bool IsFlow { get; init; }

    public override void AppendCanonical(System.Text.StringBuilder into)
    {
        into.Append(Tag).Append('{');
        foreach (var (key, value) in Entries)
        {
            key.AppendCanonical(into);
            into.Append(':');
            value.AppendCanonical(into);
        }
        into.Append('}');
    }
}

internal sealed class YamlAlias : YamlNode
{
    public required string Name { get; init; }
    public required YamlNode Target { get; init; }

    public override void AppendCanonical(System.Text.StringBuilder into) => into.Append('*').Append(Name).Append('\u0001');
}

internal static class YamlNodeExtensions
{
    /// <summary>Follows aliases to the node they name.</summary>
    public static YamlNode Resolve(this YamlNode node)
    {
        while (node is YamlAlias alias)
        {
            node = alias.Target;
        }
        return node;
    }

    public static string Canonical(this YamlNode node)
    {
        var builder = new System.Text.StringBuilder();
        node.AppendCanonical(builder);
        return builder.ToString();
    }
}
