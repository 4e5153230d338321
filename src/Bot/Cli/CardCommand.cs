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
            if (context.Options<ClaimsOptions>() is not { } claims || context.Options<ReviewOptions>() is not { } review)
            {
                return ExitCodes.Usage;
            }
            var note = NoteFile.Read(path.FullName);
            if (note.FrontMatter.Error is { } error)
            {
                context.Error.WriteLine($"error: {path.FullName}:{error.Line}: {error.Message}");
                return ExitCodes.Failure;
            }
            var markdown = await File.ReadAllTextAsync(path.FullName, Encoding.UTF8, ct);
            var extraction = await ClaimExtractors.Create(claims).ExtractAsync(markdown, ct);
            var card = ReviewCards.From(NewEpisode(path, note.FrontMatter, markdown, extraction), review.Rules);
            PrintedReviewChannel.WriteCard(context.Out, card, claims.MaxPerEpisode);
            PrintedReviewChannel.WriteClaims(context.Out, card.Claims);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The note as the sweep would first record it: a new draft with its claims unverified (never saved).</summary>
    private static Episode NewEpisode(FileInfo path, FrontMatterResult fm, string markdown, ClaimExtraction extraction)
    {
        return new Episode
        {
            Path = path.Name,
            ContentHash = "",
            Title = string.IsNullOrWhiteSpace(fm.Title) ? Path.GetFileNameWithoutExtension(path.Name) : fm.Title,
            Summary = NoteSummary.Create(fm.Summary, markdown).Stored,
            Source = fm.Source,
            Speaker = fm.Speaker,
            EpisodeDate = fm.Date,
            Tags = string.Join('\n', fm.Tags),
            Warnings = string.Join('\n', extraction.Warnings.Select(static w => w.Message)),
            State = EpisodeState.New,
            Claims = [.. extraction.Claims.Select(static (c, i) => new Storage.Claim
            {
                Id = i + 1,
                Number = i + 1,
                Fingerprint = c.Id,
                Text = c.Text,
                Kind = c.Kind,
                Line = c.Line,
                Score = c.Score,
            })],
        };
    }
}
