using System.Globalization;
using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// The English path's scorer: a logistic regression over word 1-2-grams and the rule cue families, trained
/// offline (bench <c>claims-train</c>, fixed seed and order) on the ClaimBuster crowdsourced sentences
/// (CC BY 4.0, Arslan, Hassan, Li, Tremayne, ICWSM 2020; attribution kept in the resource header).
/// </summary>
internal sealed partial class EnglishModel
{
    public const string ResourceName = "english-model.txt";

    private static readonly Lazy<EnglishModel?> s_default = new(Load);

    private readonly Dictionary<string, double> _weights;

    public double Bias { get; }
    public double Threshold { get; }

    public static EnglishModel? Default => s_default.Value;

    public EnglishModel(Dictionary<string, double> weights, double bias, double threshold)
    {
        _weights = weights;
        Bias = bias;
        Threshold = threshold;
    }

    [GeneratedRegex(@"[a-z]+(?:'[a-z]+)?|\d[\d,.]*%?|[$%?]")]
    private static partial Regex TokenRegex();

    /// <summary>Word unigrams and bigrams (numbers folded to classes) plus one feature per cue family that fired.</summary>
    public static List<string> Features(string normalized, SentenceFeatures features)
    {
        List<string> result = [];
        string previous = "<s>";
        var lower = normalized.ToLowerInvariant();
        foreach (var match in TokenRegex().EnumerateMatches(lower))
        {
            var token = lower.Substring(match.Index, match.Length);
            if (char.IsAsciiDigit(token[0]))
            {
                token = token.EndsWith('%') ? "<pct>" : token.Length == 4 && token[0] is '1' or '2' ? "<year>" : "<num>";
            }
            result.Add("w:" + token);
            result.Add("b:" + previous + "_" + token);
            previous = token;
        }
        result.Add("b:" + previous + "_</s>");
        foreach (var value in features.Values)
        {
            result.Add("v:" + value.Value.Type);
        }
        foreach (var phrase in features.Phrases)
        {
            result.Add("c:" + phrase.Category);
        }
        if (features.Models.Count > 0)
        {
            result.Add("c:model");
        }
        if (features.IsQuestion)
        {
            result.Add("c:question");
        }
        var length = Math.Min(normalized.Length / 40, 5);
        result.Add("len:" + length.ToString(CultureInfo.InvariantCulture));
        return result;
    }

    public double Probability(IEnumerable<string> features)
    {
        var sum = Bias;
        foreach (var feature in features)
        {
            if (_weights.TryGetValue(feature, out var weight))
            {
                sum += weight;
            }
        }
        return 1 / (1 + Math.Exp(-sum));
    }

    public static EnglishModel Parse(string text)
    {
        Dictionary<string, double> weights = new(StringComparer.Ordinal);
        double bias = 0, threshold = 0.5;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.LastIndexOf('\t');
            var name = line[..tab];
            var value = double.Parse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture);
            switch (name)
            {
                case "@bias":
                    bias = value;
                    break;
                case "@threshold":
                    threshold = value;
                    break;
                default:
                    weights[name] = value;
                    break;
            }
        }
        return new EnglishModel(weights, bias, threshold);
    }

    private static EnglishModel? Load()
    {
        var assembly = typeof(EnglishModel).Assembly;
        using var stream = assembly.GetManifestResourceStream($"EditorialBot.Workflow.Claims.Resources.{ResourceName}");
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
