using System.Globalization;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// One claim per fact: a speaker who says "H100 的 60% 左右" three times gets one claim to check, not three.
/// Two claims are the same when they carry the same normalised values about a shared named entity, or when
/// their text is nearly identical. The merged claim keeps the first occurrence (its text, line and fingerprint)
/// and lists every line; the other occurrences' fingerprints become aliases so verdicts survive edits.
/// </summary>
internal static class ClaimMerger
{
    // Dice similarity of character bigrams above which two sentences are the same sentence retold.
    private const double NearIdentical = 0.8;

    // With equal values and a shared entity, a date alone is weak evidence: also ask for some shared wording.
    private const double DatesOnlySimilarity = 0.5;

    // Equal figures without a shared entity: the wording must carry the rest.
    private const double RetoldSimilarity = 0.4;

    /// <param name="claims">Claims in document order, one per sentence.</param>
    public static List<Claim> Merge(IReadOnlyList<Claim> claims)
    {
        var n = claims.Count;
        var facts = new Fact[n];
        for (var i = 0; i < n; i++)
        {
            facts[i] = Fact.Of(claims[i]);
        }
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }
        // Candidate pairs come from buckets (same value set, same fingerprint, similar length), never all n² pairs.
        Dictionary<string, List<int>> byValues = new(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (facts[i].ValueKey.Length > 0)
            {
                Bucket(byValues, facts[i].ValueKey).Add(i);
            }
        }
        foreach (var bucket in byValues.Values)
        {
            for (var a = 0; a < bucket.Count; a++)
            {
                for (var b = a + 1; b < bucket.Count; b++)
                {
                    if (SameFact(facts[bucket[a]], facts[bucket[b]]))
                    {
                        Union(parent, bucket[a], bucket[b]);
                    }
                }
            }
        }
        // Near-identical text: only sentences of similar length can be, so compare within a sliding window.
        var bySize = Enumerable.Range(0, n).OrderBy(i => facts[i].Bigrams.Count).ToArray();
        for (var x = 0; x < n; x++)
        {
            var a = bySize[x];
            for (var y = x + 1; y < n && facts[bySize[y]].Bigrams.Count * 2 <= facts[a].Bigrams.Count * 3; y++)
            {
                var b = bySize[y];
                if (Find(parent, a) != Find(parent, b) && SameText(facts[a], facts[b]))
                {
                    Union(parent, a, b);
                }
            }
        }

        Dictionary<int, List<int>> groups = [];
        for (var i = 0; i < n; i++)
        {
            Bucket(groups, Find(parent, i)).Add(i);
        }
        List<Claim> merged = [];
        foreach (var members in groups.Values.OrderBy(static g => g[0]))
        {
            var first = claims[members[0]];
            if (members.Count == 1)
            {
                merged.Add(first);
                continue;
            }
            var lines = members.SelectMany(m => claims[m].Lines).Distinct().Order().ToList();
            var aliases = members.Skip(1).SelectMany(m => (IEnumerable<string>)[claims[m].Id, .. claims[m].Aliases])
                .Concat(first.Aliases).Where(id => id != first.Id).Distinct(StringComparer.Ordinal).ToList();
            var reasons = first.Reasons.Concat(members.Skip(1).SelectMany(m => claims[m].Reasons)).Distinct(StringComparer.Ordinal).ToList();
            merged.Add(first with
            {
                Score = members.Max(m => claims[m].Score),
                Reasons = reasons,
                Lines = lines,
                Aliases = aliases,
            });
        }
        return merged;
    }

    private static bool SameFact(Fact a, Fact b)
    {
        if (a.Entities.Overlaps(b.Entities))
        {
            return a.HasFigure || Similarity(a.Bigrams, b.Bigrams) >= DatesOnlySimilarity;
        }
        // The same figure retold with the entity named another way ("H100的60%" / "英伟达的60%") in much the same words.
        return a.HasFigure && Similarity(a.Bigrams, b.Bigrams) >= RetoldSimilarity;
    }

    private static bool SameText(Fact a, Fact b)
    {
        if (a.Id == b.Id)
        {
            return true;
        }
        // Sentences that differ only in their figures ("第3号工厂…21万片" / "第4号工厂…28万片") are different facts.
        if (a.ValueKey != b.ValueKey)
        {
            return false;
        }
        // Dice ≥ 0.8 needs the smaller set to be at least 2/3 of the larger one (the caller's window).
        return Similarity(a.Bigrams, b.Bigrams) >= NearIdentical;
    }

    internal static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var gram in small)
        {
            if (large.Contains(gram))
            {
                shared++;
            }
        }
        return 2.0 * shared / (a.Count + b.Count);
    }

    private static List<TValue> Bucket<TKey, TValue>(Dictionary<TKey, List<TValue>> buckets, TKey key) where TKey : notnull
    {
        if (!buckets.TryGetValue(key, out var list))
        {
            buckets[key] = list = [];
        }
        return list;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (ra, rb) = (Find(parent, a), Find(parent, b));
        if (ra != rb)
        {
            // The earlier claim stays the root, so the group keeps its first occurrence.
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    /// <summary>What the comparison needs of one claim, computed once.</summary>
    private sealed record Fact(string Id, string ValueKey, bool HasFigure, HashSet<string> Entities, HashSet<string> Bigrams)
    {
        public static Fact Of(Claim claim)
        {
            var values = claim.Values
                .Select(static v => string.Create(CultureInfo.InvariantCulture, $"{v.Type}|{v.Value:R}|{v.Upper:R}|{v.Unit}|{v.Period}"))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            return new Fact(
                claim.Id,
                string.Join(";", values),
                claim.Values.Any(static v => v.Type != "date"),
                ClaimCues.Entities(claim),
                BigramsOf(claim.Text));
        }

        private static HashSet<string> BigramsOf(string text)
        {
            List<char> kept = [];
            foreach (var c in TextNormalizer.Normalize(text))
            {
                if (char.IsLetterOrDigit(c))
                {
                    kept.Add(char.ToLowerInvariant(c));
                }
            }
            HashSet<string> grams = new(StringComparer.Ordinal);
            for (var i = 0; i + 1 < kept.Count; i++)
            {
                grams.Add(string.Concat(kept[i], kept[i + 1]));
            }
            return grams;
        }
    }
}
