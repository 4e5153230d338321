using System.CommandLine;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Bot.Cli;

/// <summary><c>claims FILE [--json]</c>: the check-worthy claims of one note, as JSON or a numbered list.</summary>
internal static class ClaimsCommand
{
    public static Command Create(CliContext context)
    {
        Argument<FileInfo> file = new("FILE") { Description = "The Markdown note to read." };
        Option<bool> json = new("--json") { Description = "Print a JSON array of claim objects." };
        Command command = new("claims", "List the unverified factual claims of a note.") { file, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                context.Error.WriteLine($"error: {path.FullName}: no such file");
                return ExitCodes.Failure;
            }
            var markdown = await File.ReadAllTextAsync(path.FullName, ct);
            if (context.Options<ClaimsOptions>() is not { } options)
            {
                return ExitCodes.Usage;
            }
            var extractor = ClaimExtractors.Create(options);
            var extraction = await extractor.ExtractAsync(markdown, ct);
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
