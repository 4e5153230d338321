using EditorialBot.Storage.Configuration;
using EditorialBot.Workflow.Content;
using Microsoft.Extensions.Configuration;

namespace EditorialBot.Bot.Cli;

/// <summary>
/// What every verb needs: the configuration and the two output streams (JSON on stdout, diagnostics on stderr).
/// <see cref="CommandLine"/> makes one per invocation and hands it to each verb it creates.
/// </summary>
internal sealed record CliContext(IConfiguration Configuration, TextWriter Out, TextWriter Error)
{
    /// <summary>The same context with some keys replaced (a verb's <c>--db</c> or <c>--content</c>); null values replace nothing.</summary>
    public CliContext With(params (string Key, string? Value)[] overrides) => this with
    {
        Configuration = new ConfigurationBuilder()
            .AddConfiguration(Configuration)
            .AddInMemoryCollection(overrides.Where(static o => !string.IsNullOrWhiteSpace(o.Value)).Select(static o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build(),
    };

    /// <summary>The section bound and checked exactly as the bot's host does it; null after printing every problem.</summary>
    public T? Options<T>() where T : class, IValidatedOptions, new()
    {
        var options = ValidatedOptions.Read<T>(Configuration, out var problems);
        foreach (var problem in problems)
        {
            Error.WriteLine($"error: {problem}");
        }
        return problems.Count == 0 ? options : null;
    }

    /// <summary>The content options with <c>--content</c> applied; null after saying what is wrong (a usage error).</summary>
    public ContentOptions? Content(string? contentOption)
    {
        var content = With((ContentOptions.RootKey, contentOption)).Options<ContentOptions>();
        if (content is not null && !Directory.Exists(content.FullRoot))
        {
            Error.WriteLine($"error: content folder not found: {content.Root} (pass --content DIR or set {ContentOptions.RootKey})");
            return null;
        }
        return content;
    }
}
