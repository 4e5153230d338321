using EditorialBot.Workflow.Content;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Cli;

/// <summary>The content configuration every content verb reads: <c>Content:Root</c>, <c>Content:Dialect</c>, <c>Publishing:*</c>.</summary>
internal static class ContentSettings
{
    /// <summary>The <c>--content</c> option, or <c>Content:Root</c>; null with a message when neither names a folder.</summary>
    public static string? Root(string? option, IConfiguration configuration, TextWriter error)
    {
        var root = string.IsNullOrWhiteSpace(option) ? configuration["Content:Root"] : option;
        if (string.IsNullOrWhiteSpace(root))
        {
            error.WriteLine("error: no content folder: pass --content DIR or set Content:Root");
            return null;
        }
        if (!Directory.Exists(root))
        {
            error.WriteLine($"error: content folder not found: {root}");
            return null;
        }
        return Path.GetFullPath(root);
    }

    public static DraftDialect? Dialect(IConfiguration configuration, TextWriter error)
    {
        try
        {
            return DraftDialects.Parse(configuration["Content:Dialect"]);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }

    /// <summary><c>Content:Extensions</c> (a list, e.g. <c>Content:Extensions:0=.md</c>, or one comma-separated value); null: the defaults.</summary>
    public static IReadOnlyList<string>? Extensions(IConfiguration configuration)
    {
        var section = configuration.GetSection("Content:Extensions");
        var values = section.Value is { Length: > 0 } single
            ? single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        if (values.Length == 0)
        {
            return null;
        }
        return values.Select(v => v.StartsWith('.') ? v : "." + v).ToArray();
    }

    /// <summary><c>Content:MaxNoteBytes</c>: notes larger than this get no claims or generated summary (default 8 MiB).</summary>
    public static long MaxNoteBytes(IConfiguration configuration)
    {
        var raw = configuration["Content:MaxNoteBytes"];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return NoteFile.DefaultMaxBytes;
        }
        return long.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1024
            ? value
            : throw new InvalidOperationException($"Content:MaxNoteBytes must be a whole number of bytes, at least 1024 (got '{raw}')");
    }

    public static PublishSettings Publishing(IConfiguration configuration)
    {
        var defaults = new PublishSettings();
        return new PublishSettings(
            configuration["Publishing:DraftValue"] is { Length: > 0 } draft ? draft : defaults.DraftValue,
            configuration["Publishing:StatusValue"] is { Length: > 0 } status ? status : defaults.StatusValue);
    }
}
