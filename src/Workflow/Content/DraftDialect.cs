namespace EditorialBot.Workflow.Content;

/// <summary>Which site generator's reading of <c>draft</c> decides whether a note is a draft (<c>Content:Dialect</c>).</summary>
internal enum DraftDialect
{
    /// <summary>js-yaml (YAML 1.2) value, JavaScript truthiness, key spelled exactly <c>draft</c>.</summary>
    Eleventy,
    /// <summary>Hugo up to 0.151: yaml.v2 (YAML 1.1) value, <c>cast.ToBool</c>, keys compared case-insensitively.</summary>
    Hugo,
    /// <summary>Psych (YAML 1.1) value, Ruby truthiness (only nil and false are falsy).</summary>
    Jekyll,
}

internal static class DraftDialects
{
    public static DraftDialect Parse(string? value) =>
        TryParse(value, out var dialect) ? dialect : throw new ArgumentException($"Content:Dialect '{value}' is not one of eleventy, hugo, jekyll.");

    public static bool TryParse(string? value, out DraftDialect dialect)
    {
        DraftDialect? known = value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "eleventy" or "11ty" => DraftDialect.Eleventy,
            "hugo" => DraftDialect.Hugo,
            "jekyll" => DraftDialect.Jekyll,
            _ => null,
        };
        dialect = known ?? DraftDialect.Eleventy;
        return known is not null;
    }
}
