using EditorialBot.Storage;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Tests.Workflow.Review;

public sealed class ClaimReconcilerTests
{
    private static FoundClaim Found(string fp, int line = 1) => new(fp, $"text {fp}", "quantity", line, 0.9);

    [Fact]
    public void Unchanged_claims_keep_their_verdict_new_ones_are_added_and_vanished_ones_retired()
    {
        StoredClaim[] stored = [new("a", true, ClaimVerdict.Verified), new("b", true, ClaimVerdict.False), new("c", false, ClaimVerdict.NeedsSource)];
        var changes = ClaimReconciler.Reconcile(stored, [Found("a", 5), Found("c", 7), Found("d", 9)]);

        Assert.Equal(["d"], changes.Added.Select(c => c.Fingerprint));
        Assert.Equal(["a", "c"], changes.Kept.Select(k => k.Stored.Fingerprint));
        Assert.Equal(ClaimVerdict.Verified, changes.Kept[0].Stored.Verdict);
        Assert.Equal(5, changes.Kept[0].Found.Line);
        Assert.Equal(["b"], changes.Retired.Select(c => c.Fingerprint));
        Assert.Equal(["c"], changes.Revived.Select(c => c.Fingerprint));
    }

    [Fact]
    public void The_same_sentence_twice_is_one_claim()
    {
        var changes = ClaimReconciler.Reconcile([], [Found("a", 1), Found("a", 30)]);
        Assert.Single(changes.Added);
        Assert.Equal(1, changes.Added[0].Line);
    }
}
