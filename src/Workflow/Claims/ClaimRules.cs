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
        bool conditional = false, audience = false, meta = false, evaluation = false, superlative = false, hedge = false, title = false, greeting = false, actor = false, secret = false;
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
                    // "X宣布的" ends the sentence with the verb but is still attributed to X; "鲍威尔说，…" has a named
                    // speaker the gazetteer does not know, in subject position.
                    var speaker = HasNamedSubject(f.Text, p.Start);
                    if ((firstEntity < p.Start || speaker) && (f.Text.Length - (p.Start + p.Length) >= 6 || EndsAttributedClause(f.Text, p.Start + p.Length)))
                    {
                        weakAttribution = true;
                        actor |= speaker;
                        fired.Add(p);
                    }
                    break;
                case "secret":
                    secret = true;
                    fired.Add(p);
                    break;
                case "title":
                    title = true;
                    fired.Add(p);
                    break;
                case "superlative":
                    superlative = true;
                    comparison = true;
                    boundOnly = false;
                    fired.Add(p);
                    break;
                case "conditional":
                    conditional = true;
                    fired.Add(p);
                    break;
                case "audience":
                    audience = true;
                    break;
                case "meta":
                    meta = true;
                    break;
                case "evaluation":
                    evaluation = true;
                    break;
                case "greeting":
                    greeting = true;
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
                    actor |= firstEntity < p.Start || HasNamedSubject(f.Text, p.Start);
                    fired.Add(p);
                    break;
                case "past":
                    past = true;
                    break;
                case "hedge":
                    hedge = true;
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

        // A hedged forecast with no source and no figure ("可能明年物价还会继续涨") is the speaker's guess.
        var hedgedPrediction = hedge && !attribution && !quantity && HasFutureMarker(f.Text);
        // Strong demoters: the sentence is the speaker's question, hypothesis, judgment or guess.
        var speakerOnly = question || conditional || opinion || hedgedPrediction;
        // Weak demoters: addressing the audience, framing the show, exclaiming; a named actor doing something survives them.
        var framing = audience || meta || evaluation || greeting || StartsWithPersonalSubject(f.Text);
        var named = entity || title;
        var checkable = (named && (eventVerb || attribution || superlative || strongRule)) || (actor && (eventVerb || weakAttribution)) || strongAttribution
            || (eventVerb && relative && HasPerfective(f.Text)) // "它股价今年涨了好几倍"
            || (secret && (eventVerb || attribution || named)); // "入职之后发现拿到的都是假的身份证": a secret revealed

        bool isClaim;
        if (housekeeping || (greeting && f.CjkCount <= 8))
        {
            isClaim = false;
        }
        else if ((quantity || date) && entity)
        {
            isClaim = true; // the mechanically detectable core: never miss these
        }
        else if (speakerOnly && !((quantity || date) && (attribution || named)))
        {
            isClaim = false;
        }
        else if (framing && !checkable && !((quantity || date) && (named || attribution || eventVerb || superlative)))
        {
            isClaim = false;
        }
        else if ((quantity || date) && (attribution || comparison || rule || eventVerb || past || title))
        {
            isClaim = true;
        }
        else if (checkable)
        {
            isClaim = true;
        }
        else if ((attribution || comparison || strongRule || eventVerb) && entity)
        {
            isClaim = true;
        }
        else if (superlative && f.CjkCount >= 8)
        {
            isClaim = true; // "first / only / largest" is a ranking a fact-checker can look up
        }
        else if (named && !framing && f.CjkCount >= 10 && (past || HasPerfective(f.Text)))
        {
            isClaim = true; // a named actor and something that has happened
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

    private static readonly string[] s_leadWords = ["另外", "随后", "后来", "而且", "不过", "首先", "所以", "但是", "然后", "其实", "就是", "那么", "同时", "当然", "再说", "此外", "因为", "因此", "而", "还有", "其中", "据", "但", "那", "就", "也", "还", "又", "呢", "啊"];

    /// <summary>
    /// Whether the clause before a verb at <paramref name="verb"/> names someone: two to twelve characters that do not
    /// start with a pronoun or a demonstrative ("赖清德在投票结束后…宣布", not "我们也…宣布" or "这个…说").
    /// </summary>
    private static bool HasNamedSubject(string text, int verb, bool sentenceSubject = true)
    {
        var start = verb;
        while (start > 0 && text[start - 1] is not (',' or ':' or ' ' or '、' or ';' or '"' or '。'))
        {
            start--;
        }
        var changed = true;
        while (changed && start < verb)
        {
            changed = false;
            foreach (var lead in s_leadWords)
            {
                if (verb - start > lead.Length && string.CompareOrdinal(text, start, lead, 0, lead.Length) == 0)
                {
                    start += lead.Length;
                    changed = true;
                    break;
                }
            }
        }
        var length = verb - start;
        if (length < 2 && start > 0 && sentenceSubject)
        {
            // "赖清德…发表谈话，表示…": the verb right after a comma shares the sentence's subject.
            return verb > 2 && HasNamedSubject(text, FirstClauseEnd(text), sentenceSubject: false);
        }
        if (length < 2 || length > 12)
        {
            return false;
        }
        var first = text[start];
        if (char.IsAsciiLetterUpper(first))
        {
            return true;
        }
        return SentenceSplitter.IsCjk(first) && !s_notNames.Contains(first) && SentenceSplitter.IsCjk(text[start + 1]);
    }

    private static int FirstClauseEnd(string text)
    {
        var end = text.AsSpan().IndexOfAny(",:;、");
        return end < 0 ? 0 : Math.Min(end, 13);
    }

    // Pronouns, demonstratives, quantifiers and fillers that open a clause without naming anyone.
    private static readonly HashSet<char> s_notNames = [.. "我你他她它这那其有些很大谁哪每各某就是所但可如要假也都还又再才只没不别让把被给在对从当好嗯哦喂呃啊哈一两几多今明昨去本上下刚先少太更已正将会能想该应得真实总全整"];

    /// <summary>"我…" / "我们…" opening the sentence: the speaker's own experience, checkable only with private information.</summary>
    private static bool StartsWithPersonalSubject(string text)
    {
        var i = 0;
        while (i < text.Length && !SentenceSplitter.IsCjk(text[i]))
        {
            i++;
        }
        foreach (var lead in s_leadWords)
        {
            if (string.CompareOrdinal(text, i, lead, 0, lead.Length) == 0)
            {
                i += lead.Length;
                break;
            }
        }
        return i < text.Length && text[i] is '我' or '你' && !(i + 1 < text.Length && text[i + 1] == '国');
    }

    /// <summary>会 / 将 / 要 / 还会 as a future marker (not 会议, 协会, 要求).</summary>
    private static bool HasFutureMarker(string text)
    {
        for (var i = 0; i < text.Length - 1; i++)
        {
            var c = text[i];
            var next = text[i + 1];
            if ((c == '会' && next is not ('议' or '长' or '员' or '谈' or '上' or '计' or '展' or '所')) || (c == '将' && next is not ('军' or '领'))
                || (c == '要' && next is not ('求' or '是' or '素' or '点')))
            {
                if (i == 0 || text[i - 1] is not ('协' or '委' or '学' or '社' or '机' or '大' or '开' or '主' or '重' or '只' or '需' or '想' or '必'))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>A perfective 了 after a verb ("退出了", "跌了"), or the resultative "过".</summary>
    private static bool HasPerfective(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if ((text[i] == '了' || text[i] == '过') && SentenceSplitter.IsCjk(text[i - 1]) && text[i - 1] is not ('为' or '不' or '太' or '好' or '算' or '罢'))
            {
                return true;
            }
        }
        return false;
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
        // 为什么 / 怎么 / 是不是 ask unless the sentence ends as a statement ("他问为什么…。").
        var end = text.TrimEnd();
        return end.Length > 0 && end[^1] is not ('。' or '.' or '!');
    }
}
