namespace EditorialBot.Tests.Content;

/// <summary>Finds the byte-exact fixture files in the source tree (they are not copied to the output folder).</summary>
internal static class Fixtures
{
    public static string FrontMatterFolder { get; } = Find(Path.Combine("Fixtures", "front-matter"));

    public static IEnumerable<object[]> FrontMatterCases() =>
        Directory.GetDirectories(FrontMatterFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
            candidate = Path.Combine(dir.FullName, "tests", "EditorialBot.Tests", relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"fixture folder {relative} not found above {AppContext.BaseDirectory}");
    }
}
