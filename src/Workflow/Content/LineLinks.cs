namespace EditorialBot.Workflow.Content;

/// <summary>
/// Links a claim to its line in the forge's file view, from <c>Content:BrowseUrl</c>, a template such as
/// <c>https://github.com/org/site/blob/main/posts/{path}#L{line}</c> (GitLab and Gitea have the same shape).
/// <c>{path}</c> is the note's path under the content root, each segment URL-escaped; without a template there are no links.
/// </summary>
public sealed class LineLinks(string? template)
{
    public const string Key = "Content:BrowseUrl";

    public static readonly LineLinks None = new(null);

    public bool Enabled => !string.IsNullOrWhiteSpace(template);

    public string? For(string path, int line)
    {
        if (!Enabled)
        {
            return null;
        }
        var escaped = string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
        return template!.Trim()
            .Replace("{path}", escaped, StringComparison.Ordinal)
            .Replace("{line}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>A problem with the template (it must be an absolute http(s) URL naming {path}), or null.</summary>
    public static string? Check(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }
        if (!template.Contains("{path}", StringComparison.Ordinal))
        {
            return $"{Key} must contain {{path}} (and usually {{line}}), e.g. https://github.com/org/site/blob/main/{{path}}#L{{line}}";
        }
        var sample = template.Replace("{path}", "a.md", StringComparison.Ordinal).Replace("{line}", "1", StringComparison.Ordinal);
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : $"{Key} must be an absolute http(s) URL (got '{template}')";
    }
}
