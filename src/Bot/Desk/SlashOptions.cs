using System.Text.Json;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Storage;
using EditorialBot.Workflow.Operations;
using EditorialBot.Workflow.Review;
using Microsoft.EntityFrameworkCore;

namespace EditorialBot.Bot.Desk;

/// <summary>Reading slash-command options, and the option definitions the commands share.</summary>
internal static class SlashOptions
{
    public const int StringType = 3;
    public const int IntegerType = 4;
    public const int BooleanType = 5;

    public static ApplicationCommandOption Episode(string description = "The episode (start typing its title)") =>
        new(StringType, "episode", description, Required: true, Autocomplete: true);

    public static string? String(Interaction interaction, string name) =>
        Find(interaction, name)?.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static long? Integer(Interaction interaction, string name) =>
        Find(interaction, name)?.Value is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    public static bool? Boolean(Interaction interaction, string name) =>
        Find(interaction, name)?.Value is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : null;

    public static InteractionOption? Focused(Interaction interaction) =>
        interaction.Data?.Options?.FirstOrDefault(static o => o.Focused == true);

    private static InteractionOption? Find(Interaction interaction, string name) =>
        interaction.Data?.Options?.FirstOrDefault(o => o.Name == name);

    /// <summary>Resolves the <c>episode</c> option (an id from autocomplete, a path or an exact title); answers the caller when it cannot.</summary>
    public static async Task<Guid?> EpisodeAsync(InteractionContext context, IDbContextFactory<EditorialDbContext> dbs, CancellationToken cancellationToken)
    {
        var reference = String(context.Interaction, "episode") ?? "";
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var (id, problem) = await ReviewQueue.ResolveAsync(db, reference, cancellationToken);
        if (id is null)
        {
            await context.RespondAsync(new MessageCreate(problem), ephemeral: true, cancellationToken);
        }
        return id;
    }

    public static Task ReplyAsync(InteractionContext context, ReviewOutcome outcome, CancellationToken cancellationToken) =>
        context.RespondAsync(new MessageCreate((outcome.Ok ? "" : "⚠️ ") + outcome.Message), ephemeral: true, cancellationToken);

    public static ClaimVerdict? Verdict(string? text) => text switch
    {
        "verified" => ClaimVerdict.Verified,
        "false" => ClaimVerdict.False,
        "needs-source" => ClaimVerdict.NeedsSource,
        "not-a-claim" => ClaimVerdict.NotAClaim,
        "unverified" => ClaimVerdict.Unverified,
        _ => null,
    };
}
