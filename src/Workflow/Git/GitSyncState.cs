using System.Text.Json;

namespace EditorialBot.Workflow.Git;

/// <summary>The git sync problem admins were last told about, since when.</summary>
internal sealed record GitSyncProblem(string Problem, DateTimeOffset Since);

/// <summary>
/// Remembers the current git sync problem in a small file next to the database, so admins are told once (not at every
/// sweep, not again after a restart) and <c>status</c>, another process, can show it.
/// </summary>
internal sealed class GitSyncState(string path)
{
    public string Path { get; } = path;

    public GitSyncProblem? Load()
    {
        try
        {
            return File.Exists(Path) ? JsonSerializer.Deserialize<GitSyncProblem>(File.ReadAllText(Path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Save(GitSyncProblem? problem)
    {
        if (problem is null)
        {
            File.Delete(Path);
            return;
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var temp = Path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(problem));
        File.Move(temp, Path, overwrite: true);
    }
}
