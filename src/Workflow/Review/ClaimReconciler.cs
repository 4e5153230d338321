using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>
/// Matches freshly extracted claims with the stored ones by fingerprint: verdicts carry over for
/// unchanged claims, new or changed claims start unverified, vanished claims are retired (kept for history).
/// </summary>
public static class ClaimReconciler
{
    public static ClaimChanges Reconcile(IReadOnlyList<StoredClaim> stored, IReadOnlyList<FoundClaim> found)
    {
        var byFingerprint = stored.ToDictionary(c => c.Fingerprint, StringComparer.Ordinal);
        HashSet<string> seen = new(StringComparer.Ordinal);
        List<FoundClaim> added = [];
        List<(StoredClaim Stored, FoundClaim Found)> kept = [];
        foreach (var claim in found)
        {
            // The same sentence twice in one note is one claim to check.
            if (!seen.Add(claim.Fingerprint))
            {
                continue;
            }
            if (byFingerprint.TryGetValue(claim.Fingerprint, out var existing))
            {
                kept.Add((existing, claim));
            }
            else
            {
                added.Add(claim);
            }
        }
        var retired = stored.Where(c => c.Active && !seen.Contains(c.Fingerprint)).ToList();
        return new ClaimChanges(added, kept, retired);
    }
}

public sealed record StoredClaim(string Fingerprint, bool Active, ClaimVerdict Verdict);

/// <summary>A claim as the extractor reports it (kind as its lower-case name, e.g. <c>quantity</c>).</summary>
public sealed record FoundClaim(string Fingerprint, string Text, string Kind, int Line, double Score);

public sealed record ClaimChanges(
    IReadOnlyList<FoundClaim> Added,
    IReadOnlyList<(StoredClaim Stored, FoundClaim Found)> Kept,
    IReadOnlyList<StoredClaim> Retired)
{
    /// <summary>Claims that came back (were retired, now present again) keep their old verdict.</summary>
    public IEnumerable<StoredClaim> Revived => Kept.Where(k => !k.Stored.Active).Select(k => k.Stored);
}
