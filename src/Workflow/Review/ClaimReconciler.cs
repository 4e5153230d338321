using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>
/// Matches freshly extracted claims with the stored ones by fingerprint: verdicts (and numbers) carry over for
/// unchanged claims, new or changed claims start unverified, vanished claims are retired (kept for history).
/// A merged claim also answers to the fingerprints of its repeats, so editing its first occurrence keeps it.
/// </summary>
public static class ClaimReconciler
{
    public static ClaimChanges Reconcile(IReadOnlyList<StoredClaim> stored, IReadOnlyList<FoundClaim> found)
    {
        // The same sentence twice in one note is one claim to check.
        HashSet<string> seen = new(StringComparer.Ordinal);
        var unique = found.Where(c => seen.Add(c.Fingerprint)).ToList();

        // Pass 1 matches first fingerprints; pass 2 any shared fingerprint (a repeat). In this order a claim is never
        // added with the fingerprint of a stored one, which the database keeps unique per episode.
        var match = new StoredClaim?[unique.Count];
        HashSet<StoredClaim> taken = new(ReferenceEqualityComparer.Instance);
        var byFingerprint = stored.GroupBy(c => c.Fingerprint, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < unique.Count; i++)
        {
            if (byFingerprint.TryGetValue(unique[i].Fingerprint, out var same) && taken.Add(same))
            {
                match[i] = same;
            }
        }
        for (var i = 0; i < unique.Count; i++)
        {
            if (match[i] is not null)
            {
                continue;
            }
            var prints = unique[i].AllFingerprints.ToHashSet(StringComparer.Ordinal);
            // Active claims first: a repeat belongs to the claim editors are looking at.
            match[i] = stored.Where(s => !taken.Contains(s) && s.AllFingerprints.Any(prints.Contains)).OrderByDescending(s => s.Active).FirstOrDefault();
            if (match[i] is { } repeat)
            {
                taken.Add(repeat);
            }
        }

        List<FoundClaim> added = [];
        List<(StoredClaim Stored, FoundClaim Found)> kept = [];
        for (var i = 0; i < unique.Count; i++)
        {
            if (match[i] is { } existing)
            {
                kept.Add((existing, unique[i]));
            }
            else
            {
                added.Add(unique[i]);
            }
        }
        var retired = stored.Where(c => c.Active && !taken.Contains(c)).ToList();
        return new ClaimChanges(added, kept, retired);
    }
}

public sealed record StoredClaim(string Fingerprint, bool Active, ClaimVerdict Verdict, IReadOnlyList<string>? Aliases = null)
{
    public IEnumerable<string> AllFingerprints => [Fingerprint, .. Aliases ?? []];
}

/// <summary>
/// A claim as the extractor reports it (kind as its lower-case name, e.g. <c>quantity</c>): where it is made
/// (<paramref name="Lines"/>, repeats merged), its tier, and the sentences around it.
/// </summary>
public sealed record FoundClaim(
    string Fingerprint,
    string Text,
    string Kind,
    int Line,
    double Score,
    ClaimTier Tier = ClaimTier.Check,
    IReadOnlyList<int>? Lines = null,
    IReadOnlyList<string>? Aliases = null,
    string? Before = null,
    string? After = null)
{
    public IEnumerable<string> AllFingerprints => [Fingerprint, .. Aliases ?? []];
}

public sealed record ClaimChanges(
    IReadOnlyList<FoundClaim> Added,
    IReadOnlyList<(StoredClaim Stored, FoundClaim Found)> Kept,
    IReadOnlyList<StoredClaim> Retired)
{
    /// <summary>Claims that came back (were retired, now present again) keep their old verdict.</summary>
    public IEnumerable<StoredClaim> Revived => Kept.Where(k => !k.Stored.Active).Select(k => k.Stored);
}
