using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Content;

/// <summary>
/// Eleventy's configured output folder (<c>dir: { output: "dist" }</c> in its config file), so the built site is not
/// read as notes. <c>_site</c> and <c>public</c> (Eleventy's and Hugo's defaults) are skipped by name anywhere.
/// </summary>
internal static partial class GeneratorOutput
{
    private static readonly string[] s_configNames =
        [".eleventy.js", "eleventy.config.js", "eleventy.config.cjs", "eleventy.config.mjs", "eleventy.config.ts"];

    /// <summary>Full paths of the output folders named by an Eleventy config in the root or up to two folders above it.</summary>
    public static HashSet<string> Folders(string fullRoot)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var dir = new DirectoryInfo(fullRoot);
        for (var depth = 0; dir is not null && depth < 3; depth++, dir = dir.Parent)
        {
            foreach (var name in s_configNames)
            {
                var config = Path.Combine(dir.FullName, name);
                if (!File.Exists(config))
                {
                    continue;
                }
                string text;
                try
                {
                    text = File.ReadAllText(config);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                foreach (Match match in OutputSetting().Matches(text))
                {
                    folders.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(match.Groups[1].Value, dir.FullName)));
                }
            }
        }
        return folders;
    }

    [GeneratedRegex("""\boutput\s*:\s*["'`]([^"'`\r\n]+)["'`]""")]
    private static partial Regex OutputSetting();
}
