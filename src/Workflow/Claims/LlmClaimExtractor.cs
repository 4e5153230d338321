using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EditorialBot.Workflow.Claims;

/// <summary>Where and how to call an OpenAI-compatible chat-completions endpoint.</summary>
/// <param name="Endpoint">Base URL (…/v1) or the full …/chat/completions URL.</param>
internal sealed record LlmClaimOptions(Uri Endpoint, string Model, string? ApiKey, TimeSpan Timeout);

/// <summary>
/// Optional backend: asks a chat model which of OUR sentences (by index) are claims, so the model never invents
/// spans, ids or lines. Any failure (timeout, HTTP error, unreadable JSON) falls back to the rules, and the
/// extraction says so in <see cref="ClaimExtraction.Extractor"/>.
/// </summary>
internal sealed class LlmClaimExtractor(HttpClient http, LlmClaimOptions options, RuleClaimExtractor rules) : IClaimExtractor
{
    public const string Name = "llm";

    private static readonly string[] s_kinds =
        [ClaimKinds.Quantity, ClaimKinds.DateEvent, ClaimKinds.Attribution, ClaimKinds.Comparison, ClaimKinds.RuleLaw, ClaimKinds.Prediction, ClaimKinds.Other];

    private const string SystemPrompt =
        "You find check-worthy factual claims in sentences of a Chinese or English tech/geopolitics show note. "
        + "A claim is a statement an editor must verify: a quantity or statistic, a dated event, an attributed statement, "
        + "a comparison or ranking, a rule or law, or a concrete plan or prediction attributed to someone. Opinions, rhetorical "
        + "questions, hedged musings without specifics, greetings and filler are not claims. Answer with JSON only: "
        + "{\"claims\":[{\"index\":<sentence index>,\"kind\":\"quantity|date_event|attribution|comparison|rule_law|prediction|other\",\"score\":<0-1>}]}.";

    public async Task<ClaimExtraction> ExtractAsync(string markdown, CancellationToken ct)
    {
        var sentences = rules.Sentences(markdown);
        var fallback = rules.Extract(markdown);
        if (sentences.Count == 0)
        {
            return fallback with { Extractor = Name };
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        string content;
        try
        {
            content = await AskAsync(sentences, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return fallback with { Extractor = $"{RuleClaimExtractor.Name} (llm timed out after {options.Timeout.TotalSeconds:0}s)" };
        }
        catch (HttpRequestException ex)
        {
            return fallback with { Extractor = $"{RuleClaimExtractor.Name} (llm failed: {ex.Message})" };
        }
        if (!TryReadClaims(content, sentences, out var picked, out var problem))
        {
            return fallback with { Extractor = $"{RuleClaimExtractor.Name} (llm answer unusable: {problem})" };
        }
        List<Claim> claims = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (var (index, kind, score) in picked)
        {
            var claim = rules.Judge(sentences[index], force: true)!;
            var reasons = new List<string>(claim.Reasons.Count + 1) { $"llm:{options.Model}" };
            reasons.AddRange(claim.Reasons);
            claim = claim with { Kind = kind, Score = score, Reasons = reasons };
            if (seen.Add(claim.Id))
            {
                claims.Add(claim);
            }
        }
        return new ClaimExtraction(claims, fallback.Warnings, Name);
    }

    private async Task<string> AskAsync(List<NoteSentence> sentences, CancellationToken ct)
    {
        var user = new StringBuilder("Sentences:\n");
        foreach (var sentence in sentences)
        {
            user.Append(sentence.Index).Append(": ").Append(sentence.Text).Append('\n');
        }
        var body = new JsonObject
        {
            ["model"] = options.Model,
            ["temperature"] = 0,
            ["response_format"] = new JsonObject { ["type"] = "json_object" },
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = SystemPrompt },
                new JsonObject { ["role"] = "user", ["content"] = user.ToString() }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, CompletionsUri(options.Endpoint))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        }
        return await response.Content.ReadAsStringAsync(ct);
    }

    internal static Uri CompletionsUri(Uri endpoint)
    {
        var text = endpoint.ToString().TrimEnd('/');
        return new Uri(text.EndsWith("/chat/completions", StringComparison.Ordinal) ? text : text + "/chat/completions");
    }

    /// <summary>Reads choices[0].message.content as {"claims":[{index, kind, score}]}; indices must name our sentences.</summary>
    private static bool TryReadClaims(string response, List<NoteSentence> sentences, out List<(int Index, string Kind, double Score)> picked, out string problem)
    {
        picked = [];
        try
        {
            var content = JsonNode.Parse(response)?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
            if (content is null)
            {
                problem = "no choices[0].message.content";
                return false;
            }
            var claims = JsonNode.Parse(StripFence(content))?["claims"]?.AsArray();
            if (claims is null)
            {
                problem = "no 'claims' array";
                return false;
            }
            SortedDictionary<int, (string, double)> byIndex = [];
            foreach (var item in claims)
            {
                var index = item?["index"]?.GetValue<int>() ?? -1;
                if (index < 0 || index >= sentences.Count)
                {
                    problem = $"sentence index {index} out of range";
                    return false;
                }
                var kind = item?["kind"]?.GetValue<string>();
                kind = kind is not null && s_kinds.Contains(kind) ? kind : ClaimKinds.Other;
                var score = Math.Clamp(item?["score"]?.GetValue<double>() ?? 0.5, 0, 1);
                byIndex[index] = (kind, Math.Round(score, 3));
            }
            picked = [.. byIndex.Select(static p => (p.Key, p.Value.Item1, p.Value.Item2))];
            problem = "";
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            problem = ex.Message;
            return false;
        }
    }

    private static string StripFence(string content)
    {
        var trimmed = content.Trim();
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = trimmed.IndexOf('\n');
            var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && lastFence > firstLine)
            {
                return trimmed[(firstLine + 1)..lastFence];
            }
        }
        return trimmed;
    }
}
