using EditorialBot.Storage;

namespace EditorialBot.Workflow.Review;

/// <summary>Applies <see cref="ReviewPolicy"/> to a loaded episode (its votes and claims must be loaded).</summary>
public static class EpisodeReview
{
    public static ReviewDecision Decide(Episode episode, ReviewRules rules) =>
        ReviewPolicy.Evaluate(FactsOf(episode, ConditionOf(episode), episode.State == EpisodeState.Published), rules);

    /// <summary>Re-evaluates with a new file condition and stores the resulting state.</summary>
    public static ReviewDecision Refresh(Episode episode, ReviewRules rules, FileCondition? file = null, bool? published = null)
    {
        var decision = ReviewPolicy.Evaluate(FactsOf(episode, file ?? ConditionOf(episode), published ?? episode.State == EpisodeState.Published), rules);
        episode.State = decision.State;
        return decision;
    }

    public static FileCondition ConditionOf(Episode episode) => episode.State switch
    {
        EpisodeState.Gone => FileCondition.Gone,
        EpisodeState.Error => FileCondition.Broken,
        _ => FileCondition.Draft,
    };

    public static ReviewFacts FactsOf(Episode episode, FileCondition file, bool published) => new(
        file,
        published,
        episode.Votes.Select(v => new VoteFact(
            v.VoterId, v.VoterName, v.Kind, v.Status,
            OnCurrentText: v.TextHash is not null && v.TextHash == episode.TextHash,
            v.CastAt, v.EndedAt, v.Reason, v.EndReason)).ToList(),
        episode.Claims.Where(c => c.Active).Select(c => new ClaimFact(c.Verdict, c.Tier)).ToList());
}
