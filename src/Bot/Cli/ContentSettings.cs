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

    public static PublishSettings Publishing(IConfiguration configuration)
    {
        var defaults = new PublishSettings();
        return new PublishSettings(
            configuration["Publishing:DraftValue"] is { Length: > 0 } draft ? draft : defaults.DraftValue,
            configuration["Publishing:StatusValue"] is { Length: > 0 } status ? status : defaults.StatusValue);
    }
}
