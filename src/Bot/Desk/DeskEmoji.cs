using EditorialBot.Storage;

namespace EditorialBot.Bot.Desk;

/// <summary>The reactions editors use: on a card ✅ approves and ❌ requests changes; on a claim message they are verdicts.</summary>
internal static class DeskEmoji
{
    public const string Yes = "✅";
    public const string No = "❌";
    public const string Question = "❓";
    public const string Dash = "➖";

    public static readonly IReadOnlyList<string> ClaimReactions = [Yes, No, Question, Dash];

    public static ClaimVerdict? Verdict(string? emoji) => emoji switch
    {
        Yes => ClaimVerdict.Verified,
        No => ClaimVerdict.False,
        Question => ClaimVerdict.NeedsSource,
        Dash => ClaimVerdict.NotAClaim,
        _ => null,
    };

    public static VoteKind? Vote(string? emoji) => emoji switch
    {
        Yes => VoteKind.Approve,
        No => VoteKind.RequestChanges,
        _ => null,
    };

    public static string For(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Verified => Yes,
        ClaimVerdict.False => No,
        ClaimVerdict.NeedsSource => Question,
        ClaimVerdict.NotAClaim => Dash,
        _ => "⬜",
    };
}
