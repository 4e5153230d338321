namespace EditorialBot.Workflow.Claims;

/// <summary>The verdict of the rules on one sentence.</summary>
internal readonly record struct RuleVerdict(bool IsClaim, double Score, string Kind, List<string> Reasons);

/// <summary>
/// The transparent scorer of claims.md §8: a weighted sum of cue families squashed to 0-1, plus hard rules
/// (a number or date next to an entity, attribution or comparison is always a claim; a question or an opinion
/// with neither number nor entity never is).
/// </summary>
internal static class ClaimRules
{
    private const double Threshold = 2.25;

    public static RuleVerdict Evaluate(SentenceFeatures f, bool isHeading, EnglishModel? english = null, bool alwaysExplain = false)
    {
        // Cues are recorded as they fire and turned into reason strings only for claims (most sentences are not).
        List<PhraseMatch> fired = [];
        bool quantity = false, date = false;
        foreach (var value in f.Values)
        {
            if (value.Value.Type == "date")
            {
                date = true;
            }
            else
            {
                quantity = true;
            }
        }

        int firstEntity = int.MaxValue, entities = 0;
        bool strongAttribution = false, weakAttribution = false, comparison = false, causal = false, prediction = false;
        bool boundOnly = true, eventVerb = false, rule = false, strongRule = false, past = false, opinion = false, question = f.IsQuestion, housekeeping = false, relative = false;
        foreach (var (start, name) in f.Models)
        {
            firstEntity = Math.Min(firstEntity, start);
            entities++;
        }
        foreach (var p in f.Phrases)
        {
            switch (p.Category)
            {
                case ClaimLexicon.Entity:
                    firstEntity = Math.Min(firstEntity, p.Start);
                    entities++;
                    fired.Add(p);
                    break;
                case "attribution":
                    // An attributed statement has content after its reporting verb.
                    if (f.Text.Length - (p.Start + p.Length) >= 6 || p.Start + p.Length <= 2)
                    {
                        strongAttribution = true;
                        fired.Add(p);
                    }
                    break;
                case "attribution_weak":
                    // "X宣布的" ends the sentence with the verb but is still attributed to X.
                    if (firstEntity < p.Start && (f.Text.Length - (p.Start + p.Length) >= 6 || EndsAttributedClause(f.Text, p.Start + p.Length)))
                    {
                        weakAttribution = true;
                        fired.Add(p);
                    }
                    break;
                case "comparison":
                    comparison = true;
                    // "超过1.7万亿日元" bounds a quantity; it does not compare two things.
                    boundOnly &= IsBoundOnValue(f, p);
                    fired.Add(p);
                    break;
                case "causal":
                    causal = true;
                    fired.Add(p);
                    break;
                case "prediction":
                    prediction = true;
                    fired.Add(p);
                    break;
                case "rule":
                    rule = true;
                    // Money promised as a subsidy is a quantity to check; a ban, act or control is a rule.
                    strongRule |= !s_weakRuleWords.Contains(p.Canonical);
                    fired.Add(p);
                    break;
                case "event":
                    eventVerb = true;
                    fired.Add(p);
                    break;
                case "past":
                    past = true;
                    break;
                case "hedge":
                    fired.Add(p); // a hedge never removes a claim; it marks it as an unverified estimate
                    break;
                case "opinion":
                    opinion = true;
                    fired.Add(p);
                    break;
                case "question" when f.IsChinese && !question && IsTrailingQuestion(f.Text, p):
                    question = true;
                    break;
                case "housekeeping":
                    housekeeping = true;
                    fired.Add(p);
                    break;
                case "relative_time":
                    relative = true;
                    fired.Add(p);
                    break;
            }
        }
        var attribution = strongAttribution || weakAttribution;
        var entity = entities > 0;

        var raw = 0.0;
        raw += quantity ? 2.0 : 0;
        raw += date ? 1.0 : 0;
        raw += entity ? 1.0 + (entities > 1 ? 0.25 : 0) : 0;
        raw += strongAttribution ? 1.25 : weakAttribution ? 1.0 : 0;
        raw += comparison ? 0.75 : 0;
        raw += causal ? 0.5 : 0;
        raw += prediction ? 0.75 : 0;
        raw += rule ? 1.0 : 0;
        raw += relative ? 0.25 : 0;
        raw += past && date ? 0.5 : 0;
        raw += eventVerb ? 0.75 : 0; // "已经在2025年…开始" reports a dated event
        raw += f.HasLink ? 0.5 : 0;
        raw -= question ? 2.0 : 0;
        raw -= opinion ? 1.5 : 0;
        raw -= housekeeping ? 3.0 : 0;
        raw -= f.Text.Length < 8 ? 1.5 : 0;

        bool isClaim;
        if (housekeeping)
        {
            isClaim = false;
        }
        else if ((quantity || date) && entity)
        {
            isClaim = true; // the mechanically detectable core: never miss these
        }
        else if (question || (opinion && !quantity && !date))
        {
            isClaim = false;
        }
        else if ((quantity || date) && (attribution || comparison || rule))
        {
            isClaim = true;
        }
        else if ((attribution || comparison || strongRule || eventVerb) && entity)
        {
            isClaim = true;
        }
        else
        {
            isClaim = raw >= Threshold;
        }
        if (isHeading && !(quantity && entity))
        {
            isClaim = false;
        }

        // "商务部发布了…出口管制" is the rule itself; only a reported rule ("据报道…") stays an attribution.
        var kind = strongAttribution || (weakAttribution && !strongRule) ? ClaimKinds.Attribution
            : rule && (strongRule || !quantity) ? ClaimKinds.RuleLaw
            : prediction && !past && (date || quantity || entity) ? ClaimKinds.Prediction
            : prediction && past && date ? ClaimKinds.DateEvent
            : comparison && !(boundOnly && quantity) ? ClaimKinds.Comparison
            : quantity ? ClaimKinds.Quantity
            : date || eventVerb ? ClaimKinds.DateEvent
            : ClaimKinds.Other;
        var score = Math.Round(1 / (1 + Math.Exp(-(raw - 2.0))), 3);
        string? modelReason = null;
        if (!f.IsChinese && english is not null)
        {
            // English prose: the trained model decides; the cue families above stay as reasons and set the kind.
            var p = english.Probability(EnglishModel.Features(f.Text, f));
            isClaim = p >= english.Threshold && !housekeeping && !(isHeading && !(quantity && entity));
            score = Math.Round(p, 3);
            modelReason = FormattableString.Invariant($"english_model:{p:0.00}");
        }
        List<string> reasons = [];
        if (isClaim || alwaysExplain)
        {
            foreach (var value in f.Values)
            {
                reasons.Add($"{value.Value.Type}:{value.Value.Text}");
            }
            foreach (var (_, name) in f.Models)
            {
                reasons.Add($"model:{name}");
            }
            foreach (var p in fired)
            {
                var category = p.Category switch
                {
                    "attribution_weak" => "attribution",
                    _ => p.Category,
                };
                reasons.Add(category == ClaimLexicon.Entity ? $"entity:{p.Canonical}" : $"{category}:{f.Text.AsSpan(p.Start, p.Length)}");
            }
            if (question)
            {
                reasons.Add("question");
            }
            if (modelReason is not null)
            {
                reasons.Add(modelReason);
            }
        }
        return new RuleVerdict(isClaim, score, kind, reasons);
    }

    private static readonly HashSet<string> s_weakRuleWords = new(StringComparer.Ordinal) { "补贴", "政策", "监管", "限制" };

    private static bool IsBoundOnValue(SentenceFeatures f, PhraseMatch p)
    {
        var after = p.Start + p.Length;
        foreach (var value in f.Values)
        {
            // The recogniser may absorb the bound word into the value itself.
            if (value.Start >= p.Start && (value.Start <= after || (value.Start == after + 1 && f.Text[after] == '了')))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsAttributedClause(string text, int after) =>
        after < text.Length && text[after] == '的' && (after + 1 == text.Length || text[after + 1] is '。' or '.' or '!' or ',' or '，');

    /// <summary>吗 / 呢 / 为什么 near the end of a Chinese sentence make it a question.</summary>
    private static bool IsTrailingQuestion(string text, PhraseMatch p)
    {
        if (p.Length == 1)
        {
            var after = p.Start + 1;
            return after >= text.Length - 1 && (after == text.Length || text[after] is '。' or '?' or '!' or '.');
        }
        return text.EndsWith('?');
    }
}
