using System.CommandLine;
using EditorialBot.Bot.Review;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Bot.Cli;

/// <summary><c>claims FILE [--json]</c>: the check-worthy claims of one note, as JSON or a numbered list.</summary>
internal static class ClaimsCommand
{
    public static Command Create()
    {
        Argument<FileInfo> file = new("FILE") { Description = "The Markdown note to read." };
        Option<bool> json = new("--json") { Description = "Print a JSON array of claim objects." };
        Command command = new("claims", "List the unverified factual claims of a note.") { file, json };
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
            byte[]? bytes;
            long length;
            try
            {
                var (note, read) = NoteFile.ReadCapped(path.FullName, DraftDialect.Eleventy, maxBytes);
                (bytes, length) = (read, note.Length);
            }
            catch (IOException ex)
            {
                context.Error.WriteLine($"error: {path.FullName}: {ex.Message}");
                return ExitCodes.Failure;
            }
            if (bytes is null)
            {
                context.Error.WriteLine($"warning: {path.FullName} is {length} bytes, over Content:MaxNoteBytes ({maxBytes}): no claims read");
            }
            var extractor = ClaimsSetup.CreateExtractor(context.Configuration, context.Error);
            var extraction = bytes is null
                ? new ClaimExtraction([], [], "none")
                : await extractor.ExtractAsync(System.Text.Encoding.UTF8.GetString(bytes), ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(context.Out, extraction.Claims);
                return ExitCodes.Success;
            }
            var number = 0;
            foreach (var claim in extraction.Claims)
            {
                number++;
                context.Out.WriteLine($"{number}. [{claim.Kind}] line {claim.Line}: {claim.Text}");
            }
            foreach (var warning in extraction.Warnings)
            {
                context.Out.WriteLine($"warning: {warning.Message}");
            }
            if (number == 0)
            {
                context.Out.WriteLine("No claims found.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
