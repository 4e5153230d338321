using System.CommandLine;
using System.Text;
using EditorialBot.Bot.Desk;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;
using EditorialBot.Workflow.Review;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// <c>card FILE</c>: the review card of one note exactly as the review desk would post it for a new draft (the same
/// renderer, fitted to Discord's limits), followed by the claim messages its thread would get.
/// </summary>
internal static class CardCommand
{
    public static Command Create(CliContext context)
    {
        Argument<FileInfo> file = new("FILE") { Description = "The Markdown note to read." };
        Command command = new("card", "Print the review card of a note as it would be posted.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                context.Error.WriteLine($"error: {path.FullName}: no such file");
                return ExitCodes.Failure;
            }
            if (context.Options<ClaimsOptions>() is not { } claims || context.Options<ReviewOptions>() is not { } review
                || context.Options<ContentOptions>() is not { } content)
            {
                return ExitCodes.Usage;
            }
            NoteFile note;
            byte[]? bytes;
            try
            {
                (note, bytes) = NoteFile.ReadCapped(path.FullName, DraftDialect.Eleventy, content.MaxNoteBytes);
            }
            catch (IOException ex)
            {
                context.Error.WriteLine($"error: {path.FullName}: {ex.Message}");
                return ExitCodes.Failure;
            }
            if (note.FrontMatter.Error is { } error)
            {
                context.Error.WriteLine($"error: {path.FullName}:{error.Line}: {error.Message}");
                return ExitCodes.Failure;
            }
            var markdown = bytes is null ? "" : Encoding.UTF8.GetString(bytes);
            var extraction = bytes is null
                ? new ClaimExtraction([], [new NameWarning("", [], $"the note is {note.Length} bytes, over Content:MaxNoteBytes ({content.MaxNoteBytes}): no claims were read")], "none")
                : await ClaimExtractors.Create(claims).ExtractAsync(markdown, ct);
            var card = ReviewCards.From(NewEpisode(path, content, note.FrontMatter, markdown, extraction), review.Rules);
            PrintedReviewChannel.WriteCard(context.Out, card, claims.MaxPerEpisode, content.Links);
            PrintedReviewChannel.WriteClaims(context.Out, card, card.Claims, content.Links);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The path the sweep would record (relative to the content root) when the file is under it, else its name.</summary>
    private static string UnderContentRoot(FileInfo path, ContentOptions content)
    {
        var relative = Path.GetRelativePath(content.FullRoot, path.FullName);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path.Name : relative.Replace('\\', '/');
    }

    /// <summary>The note as the sweep would first record it: a new draft with its claims unverified (never saved).</summary>
    private static Episode NewEpisode(FileInfo path, ContentOptions content, FrontMatterResult fm, string markdown, ClaimExtraction extraction)
    {
        return new Episode
        {
            Path = UnderContentRoot(path, content),
            ContentHash = "",
            Title = string.IsNullOrWhiteSpace(fm.Title) ? Path.GetFileNameWithoutExtension(path.Name) : fm.Title,
            Summary = NoteSummary.Create(fm.Summary, markdown).Stored,
            SourceLink = fm.Source,
            Speaker = fm.Speaker,
            EpisodeDate = fm.Date,
            Tags = string.Join('\n', fm.Tags),
            Warnings = string.Join('\n', extraction.Warnings.Select(static w => w.Message)),
            State = EpisodeState.New,
            Claims = [.. extraction.Claims.Select(static (c, i) => new Storage.Claim
            {
                Id = i + 1,
                Number = c.Number,
                Fingerprint = c.Id,
                Text = c.Text,
                Kind = c.Kind,
                Line = c.Line,
                Score = c.Score,
                Tier = c.Tier == ClaimTiers.Check ? ClaimTier.Check : ClaimTier.Optional,
                Lines = Workflow.Review.ClaimText.JoinLines(c.Lines),
                Before = c.Before,
                After = c.After,
            })],
        };
    }
}
