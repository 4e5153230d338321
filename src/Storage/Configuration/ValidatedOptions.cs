using Microsoft.Extensions.Configuration;

namespace EditorialBot.Storage.Configuration;

/// <summary>Binding and checking a section outside a host (the command line's file verbs), exactly as the host does.</summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="T"/> from its section; <paramref name="problems"/> lists every unreadable or invalid value.</summary>
    public static T Read<T>(IConfiguration configuration, out IReadOnlyList<string> problems)
        where T : class, IValidatedOptions, new()
    {
        var options = new T();
        List<string> found = [];
        SectionBinder.Bind(configuration.GetSection(T.Section), options, found);
        options.BindOutsideSection(configuration);
        found.AddRange(options.Problems());
        problems = found;
        return options;
    }
}
