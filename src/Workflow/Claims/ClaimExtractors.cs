namespace EditorialBot.Workflow.Claims;

/// <summary>
/// The configured claim extractor: the rules with the glossary, or the model with the rules as its fallback, always
/// wrapped in <see cref="ClaimTriage"/> (merge, number, tier, context).
/// </summary>
internal static class ClaimExtractors
{
    public static IClaimExtractor Create(ClaimsOptions options) => new ClaimTriage(CreateFinder(options), options.MustCheckMax);

    private static IClaimExtractor CreateFinder(ClaimsOptions options)
    {
        var rules = new RuleClaimExtractor(LoadGlossary(options));
        if (!options.Llm.Enabled || !Uri.TryCreate(options.Llm.Endpoint, UriKind.Absolute, out var endpoint))
        {
            return rules;
        }
        var llm = options.Llm;
        return new LlmClaimExtractor(new HttpClient(), new LlmClaimOptions(
            endpoint,
            string.IsNullOrWhiteSpace(llm.Model) ? "gpt-4o-mini" : llm.Model,
            string.IsNullOrWhiteSpace(llm.ApiKey) ? null : llm.ApiKey,
            TimeSpan.FromSeconds(Math.Max(1, llm.TimeoutSeconds))), rules);
    }

    public static Glossary LoadGlossary(ClaimsOptions options)
    {
        var configured = options.Glossary;
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "glossary.yaml")
            : Path.GetFullPath(configured);
        if (!File.Exists(path))
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                throw new FileNotFoundException($"{path}: glossary file not found (setting Claims:Glossary).", path);
            }
            return Glossary.Empty;
        }
        return GlossaryFile.Parse(File.ReadAllText(path), path);
    }
}
