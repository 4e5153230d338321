namespace EditorialBot.Workflow.Content;

/// <summary>
/// Eleventy's data cascade: a directory data file (<c>posts/posts.11tydata.json</c>) or a template data file
/// (<c>posts/a.11tydata.js</c>) can set <c>draft</c> for a note whose front matter says nothing. The bot reads front
/// matter only, so it warns where such a file can set it: a JSON or YAML data file with a <c>draft</c> key, or a
/// JavaScript data file in which the word <c>draft</c> appears (its value is only known by running it).
/// </summary>
internal sealed partial class DataCascade
{
    private readonly Dictionary<string, List<string>> _byFolder = new(StringComparer.Ordinal);

    public DataCascade(IReadOnlyList<ContentFile> dataFiles)
    {
        foreach (var file in dataFiles)
        {
            if (!MayMentionDraft(file.FullPath))
            {
                continue;
            }
            var folder = FolderOf(file.RelativePath);
            if (!_byFolder.TryGetValue(folder, out var list))
            {
                _byFolder[folder] = list = [];
            }
            list.Add(file.RelativePath);
        }
    }

    public bool IsEmpty => _byFolder.Count == 0;

    /// <summary>Warnings for the data files that apply to the note at <paramref name="relativePath"/>.</summary>
    public IReadOnlyList<string> WarningsFor(string relativePath)
    {
        if (IsEmpty)
        {
            return [];
        }
        List<string>? warnings = null;
        var noteFolder = FolderOf(relativePath);
        var noteName = Path.GetFileNameWithoutExtension(relativePath);
        for (var folder = noteFolder; ; folder = FolderOf(folder))
        {
            if (_byFolder.TryGetValue(folder, out var files))
            {
                var folderName = folder.Length == 0 ? null : folder[(folder.LastIndexOf('/') + 1)..];
                foreach (var file in files)
                {
                    var name = Path.GetFileName(file);
                    var stem = name[..name.IndexOf(".11tydata.", StringComparison.Ordinal)];
                    var applies = (folderName is not null && stem == folderName) || (folder == noteFolder && stem == noteName);
                    if (applies)
                    {
                        (warnings ??= []).Add($"line 1: the Eleventy data file '{file}' may also set draft for this note (data cascade)");
                    }
                }
            }
            if (folder.Length == 0)
            {
                break;
            }
        }
        return warnings ?? (IReadOnlyList<string>)[];
    }

    private static string FolderOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? "" : relativePath[..slash];
    }

    private static bool MayMentionDraft(string fullPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
        if (fullPath.EndsWith(".json", StringComparison.Ordinal))
        {
            return JsonHasDraftKey(text);
        }
        if (fullPath.EndsWith(".yaml", StringComparison.Ordinal) || fullPath.EndsWith(".yml", StringComparison.Ordinal))
        {
            return YamlDraftKey().IsMatch(text);
        }
        return DraftWord().IsMatch(text);
    }

    /// <summary>A <c>draft</c> property at any depth (<c>eleventyComputed</c> can set it too); unreadable JSON: if it mentions it.</summary>
    private static bool JsonHasDraftKey(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            return HasDraft(document.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return text.Contains("\"draft\"", StringComparison.Ordinal);
        }
    }

    private static bool HasDraft(System.Text.Json.JsonElement element)
    {
        if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return false;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("draft") || HasDraft(property.Value))
            {
                return true;
            }
        }
        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[""']?draft[""']?\s*:", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex YamlDraftKey();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bdraft\b")]
    private static partial System.Text.RegularExpressions.Regex DraftWord();
}
