using System.Text;

namespace EditorialBot.Bench;

/// <summary>Reads the labelled English sets under shared/data/claims (see its README and PROVENANCE files).</summary>
internal static class ClaimData
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EditorialBot.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    public static string DataDir(string[] args)
    {
        var index = Array.IndexOf(args, "--data");
        if (index >= 0 && index + 1 < args.Length)
        {
            return Path.GetFullPath(args[index + 1]);
        }
        // ../shared/data/claims next to the repository; a worktree one level deeper finds it further up.
        for (var dir = Directory.GetParent(RepoRoot()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "claims");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "data", "claims"));
    }

    /// <summary>ClaimBuster CSV: (id, text, verdict) with CFS (1) as positive.</summary>
    public static IEnumerable<(string Id, string Text, bool Positive)> ClaimBuster(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path, Encoding.UTF8));
        var header = rows[0];
        var text = header.IndexOf("Text");
        var verdict = header.IndexOf("Verdict");
        var id = header.IndexOf("Sentence_id");
        foreach (var row in rows.Skip(1))
        {
            if (row.Count > verdict)
            {
                yield return (row[id], row[text], row[verdict].Trim() == "1");
            }
        }
    }

    /// <summary>CheckThat! TSV: (id, text, label) with Yes as positive.</summary>
    public static IEnumerable<(string Id, string Text, bool Positive)> CheckThat(string path)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8).Skip(1))
        {
            var parts = line.TrimEnd('\r').Split('\t');
            if (parts.Length >= 3)
            {
                yield return (parts[0], parts[1], parts[2].Trim() == "Yes");
            }
        }
    }

    private static List<List<string>> ParseCsv(string text)
    {
        List<List<string>> rows = [];
        List<string> row = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
