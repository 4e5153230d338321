using System.CommandLine;
using System.Text;
using EditorialBot.Bot.Desk;
using EditorialBot.Bot.Hosting;
using EditorialBot.Bot.Review;
using EditorialBot.Storage;
using EditorialBot.Workflow.Channel;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// <c>card FILE</c>: the review card of one note exactly as the review desk would post it for a new draft (the same
/// renderer, fitted to Discord's limits), followed by the claim messages its thread would get.
/// </summary>
internal static class CardCommand
{
    public static Command Create()
    {
        Argument<FileInfo> file = new("FILE") { Description = "The Markdown note to read." };
        Command command = new("card", "Print the review card of a note as it would be posted.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var context = CliContext.Current;
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                context.Error.WriteLine($"error: {path.FullName}: no such file");
                return ExitCodes.Failure;
            }
            var maxBytes = ContentSettings.MaxNoteBytes(context.Configuration);
            NoteFile note;
            byte[]? bytes;
            try
            {
                (note, bytes) = NoteFile.ReadCapped(path.FullName, DraftDialect.Eleventy, maxBytes);
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
                ? new ClaimExtraction([], [new NameWarning("", [], $"the note is {note.Length} bytes, over Content:MaxNoteBytes ({maxBytes}): no claims were read")], "none")
                : await ClaimsSetup.CreateExtractor(context.Configuration, context.Error).ExtractAsync(markdown, ct);
            var card = ReviewCards.From(NewEpisode(path, note.FrontMatter, markdown, extraction), Settings.Review(context.Configuration));
            context.Out.Write(DeskRenderer.Render(DeskRenderer.CardEmbed(card, ClaimsSetup.MaxPerEpisode(context.Configuration)), DeskRenderer.CardButtons(card)));
            context.Out.WriteLine();
            context.Out.WriteLine($"Thread: {DeskRenderer.ThreadName(card)}");
            foreach (var claim in card.Claims)
            {
                context.Out.WriteLine();
                context.Out.WriteLine(DeskRenderer.ClaimMessage(claim));
            }
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
