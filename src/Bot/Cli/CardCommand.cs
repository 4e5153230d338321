using System.CommandLine;
using System.Text;
using EditorialBot.Bot.Review;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Bot.Cli;

/// <summary><c>card FILE</c>: the review card of one note, exactly as it would be posted (fitted to Discord's limits).</summary>
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
            var note = NoteFile.Read(path.FullName);
            if (note.FrontMatter.Error is { } error)
            {
                context.Error.WriteLine($"error: {path.FullName}:{error.Line}: {error.Message}");
                return ExitCodes.Failure;
            }
            var markdown = await File.ReadAllTextAsync(path.FullName, Encoding.UTF8, ct);
            var extraction = await ClaimsSetup.CreateExtractor(context.Configuration, context.Error).ExtractAsync(markdown, ct);
            var fm = note.FrontMatter;
            var cardNote = new CardNote(
                string.IsNullOrWhiteSpace(fm.Title) ? Path.GetFileNameWithoutExtension(path.Name) : fm.Title,
                fm.Source,
                fm.Speaker,
                fm.Date,
                fm.Tags,
                NoteSummary.Create(fm.Summary, markdown));
            var card = ReviewCardBuilder.Build(cardNote, extraction, ClaimsSetup.MaxPerEpisode(context.Configuration));
            context.Out.Write(card.Render());
            return ExitCodes.Success;
        });
        return command;
    }
}
