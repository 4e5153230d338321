using EditorialBot.Bot.Cli;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Cli;

public sealed class OneRendererTests
{
    [Fact]
    public async Task The_dry_run_prints_the_card_and_claim_messages_the_card_verb_prints()
    {
        using var folder = new TempFolder();
        var note = folder.Write("content/ev.md", Notes.Draft());

        var (cardCode, card, cardError) = await CommandLineTests.Run("card", note);
        var (code, sweep, stderr) = await CommandLineTests.Run("sweep", "--dry-run", "--content", folder.File("content"), "--db", folder.File("data/e.db"));

        Assert.True(cardCode == ExitCodes.Success, cardError);
        Assert.True(code == ExitCodes.Success, stderr);
        // The same message builder: everything above the footer (which, once tracked, names the episode id) is identical.
        var footer = card.IndexOf("\n-- ", StringComparison.Ordinal);
        Assert.True(footer > 0, card);
        Assert.Contains(card[..footer], sweep);
        var claims = card[(card.IndexOf("Thread: ", StringComparison.Ordinal) + 1)..];
        Assert.Contains(claims[claims.IndexOf("**1.**", StringComparison.Ordinal)..].TrimEnd(), sweep);
    }

    [Fact]
    public async Task The_dry_run_prints_each_episode_s_messages_together_in_path_order()
    {
        using var folder = new TempFolder();
        folder.Write("content/a.md", Notes.Draft(title: "第一期"));
        folder.Write("content/b.md", Notes.Draft(title: "第二期"));

        // Episodes are delivered in parallel; the printout must not interleave them.
        var (code, sweep, stderr) = await CommandLineTests.Run("sweep", "--dry-run", "--content", folder.File("content"), "--db", folder.File("data/e.db"));

        Assert.True(code == ExitCodes.Success, stderr);
        var firstCard = sweep.IndexOf("── new card: 第一期", StringComparison.Ordinal);
        var firstClaims = sweep.IndexOf("in the thread of 第一期", StringComparison.Ordinal);
        var secondCard = sweep.IndexOf("── new card: 第二期", StringComparison.Ordinal);
        var secondClaims = sweep.IndexOf("in the thread of 第二期", StringComparison.Ordinal);
        Assert.True(firstCard >= 0 && firstCard < firstClaims && firstClaims < secondCard && secondCard < secondClaims, sweep);
    }
}
