namespace EditorialBot.Bot.Desk;

/// <summary>
/// Custom ids of the card's buttons and modal: <c>action:episode</c>. They come back from Discord in every click,
/// so the episode id travels with them and no lookup table is needed.
/// </summary>
internal static class DeskIds
{
    public const string Approve = "approve";
    public const string RequestChanges = "changes";
    public const string Claims = "claims";
    public const string DismissOptional = "optional-rest";
    public const string ClearChanges = "clear-changes";
    public const string ChangesModal = "changes-modal";
    public const string ReasonInput = "reason";

    public static string For(string action, Guid episodeId) => $"{action}:{episodeId:N}";

    public static bool TryParse(string? customId, out string action, out Guid episodeId)
    {
        action = "";
        episodeId = Guid.Empty;
        var colon = customId?.IndexOf(':') ?? -1;
        if (colon <= 0 || !Guid.TryParseExact(customId.AsSpan(colon + 1), "N", out episodeId))
        {
            return false;
        }
        action = customId![..colon];
        return true;
    }
}
