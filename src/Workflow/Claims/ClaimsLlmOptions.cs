namespace EditorialBot.Workflow.Claims;

/// <summary>Configuration section <c>Claims:Llm</c>: the optional OpenAI-compatible extractor (the rules are the fallback).</summary>
internal sealed class ClaimsLlmOptions
{
    public bool Enabled { get; set; }

    public string Endpoint { get; set; } = "";

    /// <summary>Empty: gpt-4o-mini.</summary>
    public string Model { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 30;
}
