using System.CommandLine;
using EditorialBot.Workflow.Claims;
using EditorialBot.Workflow.Content;

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
            if (context.Options<ClaimsOptions>() is not { } options || context.Options<ContentOptions>() is not { } content)
            {
                return ExitCodes.Usage;
            }
            byte[]? bytes;
            long length;
            try
            {
                var (note, read) = NoteFile.ReadCapped(path.FullName, DraftDialect.Eleventy, content.MaxNoteBytes);
                (bytes, length) = (read, note.Length);
            }
            catch (IOException ex)
            {
                context.Error.WriteLine($"error: {path.FullName}: {ex.Message}");
                return ExitCodes.Failure;
            }
            if (bytes is null)
            {
                context.Error.WriteLine($"warning: {path.FullName} is {length} bytes, over Content:MaxNoteBytes ({content.MaxNoteBytes}): no claims read");
            }
            var extractor = ClaimExtractors.Create(options);
            var extraction = bytes is null
                ? new ClaimExtraction([], [], "none")
                : await extractor.ExtractAsync(System.Text.Encoding.UTF8.GetString(bytes), ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(context.Out, extraction.Claims.Select(static c => new
                {
                    number = c.Number,
                    id = c.Id,
                    text = c.Text,
                    line = c.Line,
                    lines = c.Lines,
                    kind = c.Kind,
                    tier = c.Tier,
                    score = c.Score,
                    reasons = c.Reasons,
                    values = c.Values,
                    before = c.Before,
                    after = c.After,
                }));
                return ExitCodes.Success;
            }
            foreach (var claim in extraction.Claims)
            {
                var also = claim.Lines.Count > 1 ? $" (also {string.Join(", ", claim.Lines.Skip(1))})" : "";
                context.Out.WriteLine($"{claim.Number}. [{claim.Tier}] [{claim.Kind}] line {claim.Line}{also}: {claim.Text}");
            }
            foreach (var warning in extraction.Warnings)
            {
                context.Out.WriteLine($"warning: {warning.Message}");
            }
            var check = extraction.Claims.Count(static c => c.Tier == ClaimTiers.Check);
            context.Out.WriteLine(extraction.Claims.Count == 0
                ? "No claims found."
                : $"{extraction.Claims.Count} claims: {check} must check, {extraction.Claims.Count - check} optional.");
            return ExitCodes.Success;
        });
        return command;
    }
}
