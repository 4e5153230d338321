using System.Globalization;
using System.Text;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Bench;

/// <summary>
/// <c>claims-train [--data DIR]</c>: trains the English logistic regression on ClaimBuster crowdsourced.csv
/// (never on the evaluation sets) with a fixed seed and order, picks the threshold on a held-out tenth, and
/// writes src/Workflow/Claims/Resources/english-model.txt.
/// </summary>
internal static class ClaimsTrain
{
    private const int Epochs = 8;
    private const double Rate = 0.05;
    private const double L2 = 1e-6;
    private const int MinCount = 3;

    public static int Run(string[] args)
    {
        var path = Path.Combine(ClaimData.DataDir(args), "claimbuster", "crowdsourced.csv");
        if (!File.Exists(path))
        {
            Console.WriteLine($"claims-train: skipped, {path} not found");
            return 0;
        }
        var lexicon = ClaimLexicon.Default;
        var rows = ClaimData.ClaimBuster(path)
            .Select(r =>
            {
                var normalized = TextNormalizer.Normalize(r.Text);
                var features = SentenceFeatures.Analyze(normalized, lexicon, hasLink: false);
                return (Features: EnglishModel.Features(normalized, features).Distinct(StringComparer.Ordinal).ToArray(), r.Positive);
            })
            .ToList();

        // Fixed shuffle: a simple LCG so the order never depends on the runtime's Random implementation.
        var order = Enumerable.Range(0, rows.Count).ToArray();
        ulong state = 42;
        for (var i = order.Length - 1; i > 0; i--)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var j = (int)((state >> 33) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        var holdout = order.Take(rows.Count / 10).ToArray();
        var train = order.Skip(rows.Count / 10).ToArray();

        Dictionary<string, int> counts = new(StringComparer.Ordinal);
        foreach (var i in train)
        {
            foreach (var f in rows[i].Features)
            {
                counts[f] = counts.GetValueOrDefault(f) + 1;
            }
        }
        Dictionary<string, double> weights = new(StringComparer.Ordinal);
        foreach (var (f, c) in counts)
        {
            if (c >= MinCount)
            {
                weights[f] = 0;
            }
        }
        var bias = 0.0;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var rate = Rate / (1 + epoch);
            foreach (var i in train)
            {
                var (features, positive) = rows[i];
                var sum = bias;
                foreach (var f in features)
                {
                    if (weights.TryGetValue(f, out var w))
                    {
                        sum += w;
                    }
                }
                var p = 1 / (1 + Math.Exp(-sum));
                var gradient = (positive ? 1 : 0) - p;
                bias += rate * gradient;
                foreach (var f in features)
                {
                    if (weights.TryGetValue(f, out var w))
                    {
                        weights[f] = w + (rate * (gradient - (L2 * w)));
                    }
                }
            }
        }

        var model = new EnglishModel(weights, bias, 0.5);
        var scored = holdout.Select(i => (P: model.Probability(rows[i].Features), rows[i].Positive)).ToList();
        var (bestThreshold, bestF1) = (0.5, 0.0);
        for (var t = 0.20; t <= 0.80; t += 0.01)
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var (p, positive) in scored)
            {
                if (p >= t && positive) tp++;
                else if (p >= t) fp++;
                else if (positive) fn++;
            }
            var f1 = tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
            if (f1 > bestF1)
            {
                (bestThreshold, bestF1) = (Math.Round(t, 2), f1);
            }
        }

        var output = new StringBuilder();
        output.AppendLine("# English check-worthiness model for EditorialBot's claim extractor (logistic regression).");
        output.AppendLine("# Trained by `bench claims-train` on ClaimBuster crowdsourced.csv (CFS = positive), fixed seed 42, 8 epochs.");
        output.AppendLine("# Training data: ClaimBuster dataset, F. Arslan, N. Hassan, C. Li, M. Tremayne, \"A Benchmark Dataset of");
        output.AppendLine("# Check-worthy Factual Claims\", ICWSM 2020, Zenodo DOI 10.5281/zenodo.3609356, licensed CC BY 4.0.");
        output.AppendLine("# These weights are derived from that data; keep this attribution with them.");
        output.AppendLine(FormattableString.Invariant($"# Held-out tenth of crowdsourced: F1 {bestF1:0.000} at the threshold below."));
        output.AppendLine(FormattableString.Invariant($"@bias\t{bias:0.######}"));
        output.AppendLine(FormattableString.Invariant($"@threshold\t{bestThreshold:0.00}"));
        foreach (var (f, w) in weights.Where(static p => Math.Abs(p.Value) >= 0.02).OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            output.Append(f).Append('\t').AppendLine(w.ToString("0.####", CultureInfo.InvariantCulture));
        }
        var target = Path.Combine(ClaimData.RepoRoot(), "src", "Workflow", "Claims", "Resources", EnglishModel.ResourceName);
        File.WriteAllText(target, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        Console.WriteLine(FormattableString.Invariant($"claims-train: {train.Length} training rows, {weights.Count} features, held-out F1 {bestF1:0.000} at threshold {bestThreshold:0.00}; wrote {target}"));
        return 0;
    }
}
