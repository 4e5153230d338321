using EditorialBot.Storage.Configuration;

namespace EditorialBot.Workflow.Claims;

/// <summary>Configuration section <c>Claims</c>: how many claims a card shows, the glossary, the optional model.</summary>
internal sealed class ClaimsOptions : IValidatedOptions
{
    public static string Section => "Claims";

    /// <summary>Claims shown on a card (the card says how many more exist).</summary>
    public int MaxPerEpisode { get; set; } = 30;

    /// <summary>At most this many claims are "must check"; the rest are optional (0: all optional).</summary>
    public int MustCheckMax { get; set; } = ClaimTriage.DefaultMustCheckMax;

    /// <summary>House spellings for the name check; empty: <c>glossary.yaml</c> next to the binary, if there is one.</summary>
    public string Glossary { get; set; } = "";

    public ClaimsLlmOptions Llm { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (MaxPerEpisode < 1)
        {
            yield return $"Claims:MaxPerEpisode is {MaxPerEpisode}: set it to the number of claims a card shows, such as 30.";
        }
        if (MustCheckMax < 0)
        {
            yield return $"Claims:MustCheckMax is {MustCheckMax}: set it to how many claims at most a reviewer must check, such as {ClaimTriage.DefaultMustCheckMax} (0: all optional).";
        }
        if (Llm.Enabled && !Uri.TryCreate(Llm.Endpoint, UriKind.Absolute, out _))
        {
            yield return $"Claims:Llm:Endpoint '{Llm.Endpoint}' is not an absolute URL: set it to the OpenAI-compatible base URL, such as http://127.0.0.1:8080/v1, or set Claims:Llm:Enabled=false.";
        }
        if (Llm.TimeoutSeconds < 1)
        {
            yield return $"Claims:Llm:TimeoutSeconds is {Llm.TimeoutSeconds}: set it to a number of seconds, such as 30.";
        }
    }
}
