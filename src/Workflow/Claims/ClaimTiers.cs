namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Triage, as fact-checking desks do it: the few claims an editor must resolve (<see cref="Check"/>) and the rest,
/// visible but optional. At most <c>mustCheckMax</c> claims are put in the check tier, the most check-worthy first:
/// figures about named entities, attributions to named sources, laws and rules, dated events, superlatives.
/// Opinions, conditionals and rhetorical questions rank low even when the rules kept them.
/// </summary>
internal static class ClaimTiers
{
    public const string Check = "check";
    public const string Optional = "optional";

    // Below this a claim has none of the cues above and never makes the check tier, however few claims there are.
    private const double Floor = 2.0;

    /// <param name="claims">Merged claims in document order.</param>
    public static List<Claim> Assign(IReadOnlyList<Claim> claims, int mustCheckMax)
    {
        var chosen = claims
            .Select(static (claim, index) => (Worth: Worthiness(claim), Index: index))
            .Where(static c => c.Worth >= Floor)
            .OrderByDescending(static c => c.Worth)
            .ThenBy(static c => c.Index)
            .Take(Math.Max(0, mustCheckMax))
            .Select(static c => c.Index)
            .ToHashSet();
        return [.. claims.Select((claim, index) => claim with { Tier = chosen.Contains(index) ? Check : Optional })];
    }

    /// <summary>How much checking this claim deserves; the cues add up, the extractor's score breaks ties.</summary>
    public static double Worthiness(Claim claim)
    {
        var named = ClaimCues.Entities(claim).Count > 0;
        var figure = claim.Values.Any(static v => v.Type != "date");
        var date = claim.Values.Any(static v => v.Type == "date" && v.Period is not null);
        var worth = 0.0;
        if (figure)
        {
            worth += named ? 3.0 : 1.0;
        }
        if (claim.Kind == ClaimKinds.Attribution || ClaimCues.Has(claim, "attribution"))
        {
            worth += named ? 2.5 : 0.5;
        }
        if (claim.Kind == ClaimKinds.RuleLaw || ClaimCues.Has(claim, "rule"))
        {
            worth += named ? 2.5 : 1.5;
        }
        if (date && (claim.Kind == ClaimKinds.DateEvent || ClaimCues.Has(claim, "event") || named))
        {
            worth += 2.0;
        }
        if (ClaimCues.IsSuperlative(claim.Text))
        {
            worth += named ? 2.0 : 1.0;
        }
        if (ClaimCues.Has(claim, "event") && named)
        {
            worth += 1.0;
        }
        if (ClaimCues.IsConditional(claim.Text))
        {
            worth -= 2.5;
        }
        if (ClaimCues.IsJudgment(claim.Text) || ClaimCues.Has(claim, "opinion"))
        {
            worth -= 2.0;
        }
        if (claim.Kind == ClaimKinds.Prediction && !ClaimCues.Has(claim, "attribution"))
        {
            worth -= 1.0;
        }
        if (claim.Reasons.Contains("question") || claim.Text.TrimEnd().EndsWith('?') || claim.Text.TrimEnd().EndsWith('？'))
        {
            worth -= 2.0;
        }
        // Said several times: the speaker leans on it.
        worth += Math.Min(1.0, 0.5 * (claim.Lines.Count - 1));
        return worth + claim.Score;
    }
}
