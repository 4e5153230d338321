using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Reads back what made a sentence a claim from its reasons (<c>entity:路透社</c>, <c>attribution:指出</c>, …) and
/// text, for merging and tiering. Works the same for every extractor, since the LLM backend reports the rules' reasons.
/// </summary>
internal static partial class ClaimCues
{
    [GeneratedRegex(@"第一次|第一个|首次|首个|首款|首家|唯一|史上|世界第一|全球第一|最大|最多|最高|最早|最先|最快|最强|最低|最小|最贵|创纪录|纪录|\b(?:first|only|largest|biggest|highest|lowest|record)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SuperlativeRegex();

    [GeneratedRegex(@"如果|假如|要是|假设|万一|\b(?:if|suppose)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionalRegex();

    [GeneratedRegex(@"我觉得|我认为|我感觉|我说句实话|我个人|我相信|我猜|在我看来|\bI (?:think|believe|feel)\b")]
    private static partial Regex JudgmentRegex();

    /// <summary>Named entities and model numbers the claim mentions (canonical spellings).</summary>
    public static HashSet<string> Entities(Claim claim)
    {
        HashSet<string> names = new(StringComparer.Ordinal);
        foreach (var reason in claim.Reasons)
        {
            if (reason.StartsWith("entity:", StringComparison.Ordinal))
            {
                names.Add(reason["entity:".Length..]);
            }
            else if (reason.StartsWith("model:", StringComparison.Ordinal))
            {
                names.Add(reason["model:".Length..]);
            }
        }
        return names;
    }

    public static bool Has(Claim claim, string category) =>
        claim.Reasons.Any(r => r.StartsWith(category, StringComparison.Ordinal) && r.Length > category.Length && r[category.Length] == ':');

    public static bool IsSuperlative(string text) => SuperlativeRegex().IsMatch(text);

    public static bool IsConditional(string text) => ConditionalRegex().IsMatch(text);

    public static bool IsJudgment(string text) => JudgmentRegex().IsMatch(text);
}
