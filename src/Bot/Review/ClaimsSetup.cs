using System.Globalization;
using EditorialBot.Workflow.Claims;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Review;

/// <summary>
/// Builds the configured claim extractor. Keys: Claims:Glossary (default glossary.yaml next to the binary),
/// Claims:MaxPerEpisode (30), Claims:MustCheckMax (12), Claims:Llm:Enabled (false), Claims:Llm:Endpoint, Model, ApiKey,
/// TimeoutSeconds (30). Every extractor is wrapped in <see cref="ClaimTriage"/> (merge, number, tier, context).
/// </summary>
internal static class ClaimsSetup
{
    public const int DefaultMaxPerEpisode = 30;

    public static int MaxPerEpisode(IConfiguration configuration) =>
        int.TryParse(configuration["Claims:MaxPerEpisode"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max > 0
            ? max
            : DefaultMaxPerEpisode;

    public static int MustCheckMax(IConfiguration configuration) =>
        int.TryParse(configuration["Claims:MustCheckMax"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max >= 0
            ? max
            : ClaimTriage.DefaultMustCheckMax;

    public static Glossary LoadGlossary(IConfiguration configuration)
    {
        var configured = configuration["Claims:Glossary"];
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

    public static IClaimExtractor CreateExtractor(IConfiguration configuration, TextWriter diagnostics) =>
        new ClaimTriage(CreateFinder(configuration, diagnostics), MustCheckMax(configuration));

    private static IClaimExtractor CreateFinder(IConfiguration configuration, TextWriter diagnostics)
    {
        var rules = new RuleClaimExtractor(LoadGlossary(configuration));
        if (!string.Equals(configuration["Claims:Llm:Enabled"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return rules;
        }
        var endpoint = configuration["Claims:Llm:Endpoint"];
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            diagnostics.WriteLine("warning: Claims:Llm:Enabled is true but Claims:Llm:Endpoint is not an absolute URL; using the rules.");
            return rules;
        }
        var timeout = int.TryParse(configuration["Claims:Llm:TimeoutSeconds"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(30);
        var model = configuration["Claims:Llm:Model"];
        var options = new LlmClaimOptions(uri, string.IsNullOrWhiteSpace(model) ? "gpt-4o-mini" : model, configuration["Claims:Llm:ApiKey"], timeout);
        return new LlmClaimExtractor(new HttpClient(), options, rules);
    }
}
