using EditorialBot.Storage;
using EditorialBot.Tests.Support;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;
using static EditorialBot.Tests.Support.TestEngine;

namespace EditorialBot.Tests.Workflow.Scenarios;

/// <summary>Claim numbers, tiers, merged repeats and bulk verdicts over a real content folder and SQLite file.</summary>
public sealed class ClaimNumberingScenarioTests
{
    private const string Weak = "有人说这家公司其实产能不小，大概也就是这样吧。";

    [Fact]
    public async Task Numbers_survive_an_edit_and_new_claims_get_the_next_free_numbers()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo, Notes.FactThree)));
        await engine.SweepAsync();
        var before = await engine.EpisodeAsync("ev.md");
        var numbers = before.Claims.Where(c => c.Active).ToDictionary(c => c.Fingerprint, c => c.Number);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers.Values.Order());
        var two = before.Claims.Single(c => c.Text == Notes.FactTwo);
        Assert.True((await engine.Reviews.SetClaimVerdictAsync(before.Id, two.Number, ClaimVerdict.Verified, Ana)).Ok);

        // A new claim is inserted before the others, and FactThree is removed.
        const string inserted = "欧盟委员会在2024年10月决定对中国电动车加征最高35.3%的反补贴税。";
        engine.Write("ev.md", Notes.Draft(body: inserted + "\n\n" + Notes.Body(Notes.FactTwo)));
        await engine.SweepAsync();
        var after = await engine.EpisodeByIdAsync(before.Id);

        var kept = after.Claims.Single(c => c.Text == Notes.FactTwo);
        Assert.Equal(two.Number, kept.Number);
        Assert.Equal(ClaimVerdict.Verified, kept.Verdict);
        Assert.Equal(numbers[kept.Fingerprint], kept.Number);
        var added = after.Claims.Single(c => c.Text == inserted);
        Assert.Equal(numbers.Count + 1, added.Number);
        Assert.False(after.Claims.Single(c => c.Text == Notes.FactThree).Active);
        Assert.Equal(after.Claims.Count, after.Claims.Select(c => c.Number).Distinct().Count());
    }

    [Fact]
    public async Task A_repeated_claim_is_one_claim_whose_verdict_covers_every_line()
    {
        await using var engine = await TestEngine.StartAsync();
        engine.Write("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo, "中间插一句别的话。", Notes.FactTwo)));
        await engine.SweepAsync();
        var episode = await engine.EpisodeAsync("ev.md");

        var repeated = Assert.Single(episode.Claims, c => c.Text == Notes.FactTwo);
        Assert.Equal(2, ClaimText.Lines(repeated).Count);
        Assert.Equal(repeated.Line, ClaimText.Lines(repeated)[0]);
        var outcome = await engine.Reviews.SetClaimVerdictAsync(episode.Id, repeated.Number, ClaimVerdict.Verified, Ana);
        Assert.True(outcome.Ok, outcome.Message);
    }

    [Fact]
    public async Task Bulk_verdicts_by_range_and_dismissing_the_optional_rest_are_audited_per_claim()
    {
        await using var engine = await TestEngine.StartAsync(("Claims:MustCheckMax", "1"));
        engine.Write("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo, Notes.FactThree, Weak)));
        await engine.SweepAsync();
        var episode = await engine.EpisodeAsync("ev.md");
        var active = episode.Claims.Where(c => c.Active).OrderBy(c => c.Number).ToList();
        Assert.True(active.Count >= 3, $"{active.Count} claims");
        var check = Assert.Single(active, c => c.Tier == ClaimTier.Check);

        var approved = await engine.Reviews.ApproveAsync(episode.Id, Ben);
        Assert.Contains("1 must-check claim(s) unverified", approved.Message);

        var optional = active.Where(c => c.Tier == ClaimTier.Optional).Select(c => c.Number).ToList();
        var first = await engine.Reviews.SetClaimVerdictsAsync(episode.Id, [optional[0]], ClaimVerdict.Verified, Ana);
        Assert.True(first.Ok, first.Message);
        var missing = await engine.Reviews.SetClaimVerdictsAsync(episode.Id, [1, 99], ClaimVerdict.Verified, Ana);
        Assert.Equal(OutcomeStatus.NotFound, missing.Status);
        Assert.Contains("99", missing.Message);

        var rest = await engine.Reviews.DismissOptionalClaimsAsync(episode.Id, Ana);
        Assert.True(rest.Ok, rest.Message);
        var dismissed = (await engine.EpisodeByIdAsync(episode.Id)).Claims.Where(c => c.Tier == ClaimTier.Optional).ToList();
        Assert.Equal(ClaimVerdict.Verified, dismissed.Single(c => c.Number == optional[0]).Verdict);
        Assert.All(dismissed.Where(c => c.Number != optional[0]), c => Assert.Equal(ClaimVerdict.NotAClaim, c.Verdict));
        var audit = await engine.AuditAsync(episode.Id);
        Assert.Equal(optional.Count, audit.Count(a => a.Action == "claim-verdict"));
        Assert.Equal(EpisodeState.Approved, (await engine.EpisodeByIdAsync(episode.Id)).State);

        // The check tier is what the gate waits for: resolving it publishes.
        var last = await engine.Reviews.SetClaimVerdictsAsync(episode.Id, [check.Number], ClaimVerdict.Verified, Ana);
        Assert.NotNull(last.Published);
    }

    [Fact]
    public async Task A_false_optional_claim_blocks_publishing()
    {
        await using var engine = await TestEngine.StartAsync(("Claims:MustCheckMax", "0"));
        engine.Write("ev.md", Notes.Draft(body: Notes.Body(Notes.FactTwo)));
        await engine.SweepAsync();
        var episode = await engine.EpisodeAsync("ev.md");
        Assert.All(episode.Claims, c => Assert.Equal(ClaimTier.Optional, c.Tier));
        var number = episode.Claims.First().Number;

        await engine.Reviews.SetClaimVerdictAsync(episode.Id, number, ClaimVerdict.False, Ana);
        var approved = await engine.Reviews.ApproveAsync(episode.Id, Ben);
        Assert.Null(approved.Published);
        Assert.Contains("marked false", approved.Message);

        await engine.Reviews.SetClaimVerdictAsync(episode.Id, number, ClaimVerdict.NotAClaim, Ana);
        await using var db = engine.Db();
        Assert.Equal(EpisodeState.Published, (await db.Episodes.SingleAsync()).State);
    }
}
