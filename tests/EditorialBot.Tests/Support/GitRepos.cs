using System.Diagnostics;

namespace EditorialBot.Tests.Support;

/// <summary>
/// Real git repositories on disk for the sync and push tests: a bare "forge" remote, an "upstream" clone that pushes
/// (the pipeline, or an editor on the forge), and the bot's clone (the content folder).
/// </summary>
internal sealed class GitRepos : IDisposable
{
    private readonly TempFolder _folder = new();

    public GitRepos()
    {
        Run(_folder.Path, "init", "--quiet", "--bare", "--initial-branch=main", Remote);
        Run(_folder.Path, "clone", "--quiet", Remote, Upstream);
        Configure(Upstream, "Upstream Pipeline");
        File.WriteAllText(System.IO.Path.Combine(Upstream, "README.md"), "站点\n");
        Run(Upstream, "checkout", "--quiet", "-B", "main");
        Run(Upstream, "add", "README.md");
        Run(Upstream, "commit", "--quiet", "-m", "Start the site");
        Run(Upstream, "push", "--quiet", "origin", "main");
    }

    public string Remote => _folder.File("forge.git");
    public string Upstream => _folder.File("upstream");

    /// <summary>Clones the remote into <paramref name="folder"/> (may exist, empty) as the bot's working copy.</summary>
    public void CloneBot(string folder)
    {
        Run(_folder.Path, "clone", "--quiet", Remote, folder);
        Configure(folder, "EditorialBot");
    }

    /// <summary>The upstream writes, commits and pushes one file.</summary>
    public void PushUpstream(string relative, string text, string message = "Upstream change")
    {
        Run(Upstream, "pull", "--quiet", "--ff-only", "origin", "main");
        var full = System.IO.Path.Combine(Upstream, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        Run(Upstream, "add", "--", relative);
        Run(Upstream, "commit", "--quiet", "-m", message);
        Run(Upstream, "push", "--quiet", "origin", "main");
    }

    /// <summary>The file as the remote's main branch has it (null when absent).</summary>
    public string? OnRemote(string relative)
    {
        var show = Git(Remote, "show", $"main:{relative}");
        return show.Code == 0 ? show.Stdout : null;
    }

    public string RemoteHead() => Run(Remote, "rev-parse", "main").Trim();

    public static string Run(string folder, params string[] args)
    {
        var (code, stdout, stderr) = Git(folder, args);
        Assert.True(code == 0, $"git {string.Join(' ', args)} in {folder}: {stderr}");
        return stdout;
    }

    public static (int Code, string Stdout, string Stderr) Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static void Configure(string folder, string name)
    {
        Run(folder, "config", "user.name", name);
        Run(folder, "config", "user.email", $"{name.Replace(' ', '.').ToLowerInvariant()}@example.invalid");
        Run(folder, "config", "commit.gpgsign", "false");
    }

    public void Dispose() => _folder.Dispose();
}
