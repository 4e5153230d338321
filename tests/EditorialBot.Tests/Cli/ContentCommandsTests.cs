using System.Text.Json;
using EditorialBot.Bot.Cli;
using EditorialBot.Tests.Content;
using EditorialBot.Tests.Support;

namespace EditorialBot.Tests.Cli;

/// <summary><c>scan</c>, <c>drafts</c> and <c>publish</c> driven through the real command line over temp folders.</summary>
public sealed class ContentCommandsTests
{
    private static readonly DateTime s_oldTime = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static TempFolder Content()
    {
        var temp = new TempFolder();
        temp.Write("a-draft.md", "---\ntitle: 草稿一\ndraft: true\nstatus: evergreen\n---\n正文\n");
        temp.Write("sub/published.md", "---\ntitle: 已发布\ndraft: false\nstatus: published\n---\n正文\n");
        temp.Write("sub/yes.md", "---\ntitle: 是\ndraft: yes\n---\n正文\n");
        temp.Write("broken.md", "---\ntitle: 坏\ndraft: true\ntitle: again\n---\n");
        temp.Write("node_modules/x.md", "---\ndraft: true\n---\n");
        temp.Write(".cache/y.md", "---\ndraft: true\n---\n");
        return temp;
    }

    [Fact]
    public async Task Scan_prints_every_note_as_json()
    {
        using var temp = Content();
        var (code, stdout, _) = await CommandLineTests.Run("scan", "--content", temp.Path, "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(stdout);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["a-draft.md", "broken.md", "sub/published.md", "sub/yes.md"], items.Select(i => i.GetProperty("path").GetString()));
        var broken = items[1];
        Assert.False(broken.GetProperty("draft").GetBoolean());
        Assert.StartsWith("line 4: duplicate key 'title'", broken.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("error").ValueKind);
        Assert.Equal("草稿一", items[0].GetProperty("title").GetString());
        Assert.Equal("evergreen", items[0].GetProperty("status").GetString());
        Assert.True(items[0].GetProperty("draft").GetBoolean());
        Assert.Contains("line 3:", items[3].GetProperty("warnings")[0].GetString());
        Assert.Equal(0, items[0].GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Drafts_lists_only_drafts_and_the_table_has_a_summary()
    {
        using var temp = Content();
        var (code, stdout, _) = await CommandLineTests.Run("drafts", "--content", temp.Path, "--json");
        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["a-draft.md", "sub/yes.md"], json.RootElement.EnumerateArray().Select(i => i.GetProperty("path").GetString()));

        var (tableCode, table, _) = await CommandLineTests.Run("scan", "--content", temp.Path);
        Assert.Equal(ExitCodes.Success, tableCode);
        Assert.Contains("草稿一", table);
        Assert.Contains("4 notes: 2 drafts, 1 not drafts, 1 broken, 1 with warnings", table);
    }

    [Fact]
    public async Task The_dialect_comes_from_configuration()
    {
        using var temp = new TempFolder();
        temp.Write("no.md", "---\ndraft: no\n---\n");
        var (_, eleventy, _) = await CommandLineTests.Run("drafts", "--content", temp.Path, "--json");
        var (_, hugo, _) = await CommandLineTests.Run("drafts", "--content", temp.Path, "--json", "--Content:Dialect=hugo");
        Assert.Equal(1, JsonDocument.Parse(eleventy).RootElement.GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(hugo).RootElement.GetArrayLength());
        var (bad, _, stderr) = await CommandLineTests.Run("scan", "--content", temp.Path, "--Content:Dialect=gatsby");
        Assert.Equal(ExitCodes.Usage, bad);
        Assert.Contains("gatsby", stderr);
    }

    [Fact]
    public async Task Scan_of_a_missing_folder_is_a_usage_error()
    {
        var (code, _, stderr) = await CommandLineTests.Run("scan", "--content", "/nonexistent/editorialbot");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("/nonexistent/editorialbot", stderr);
    }

    [Fact]
    public async Task Publish_flips_a_draft_and_exits_0()
    {
        using var temp = Content();
        var (code, stdout, _) = await CommandLineTests.Run("publish", "a-draft.md", "--content", temp.Path, "--force", "--by", "editor-1", "--db", Path.Combine(temp.Path, ".state", "editorial.db"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("---\ntitle: 草稿一\ndraft: false\nstatus: published\n---\n正文\n", File.ReadAllText(Path.Combine(temp.Path, "a-draft.md")));
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("published", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("evergreen", json.RootElement.GetProperty("previousStatus").GetString());
    }

    [Fact]
    public async Task Publishing_a_note_that_is_not_a_draft_changes_nothing_and_exits_0()
    {
        using var temp = Content();
        var path = Path.Combine(temp.Path, "sub", "published.md");
        var before = File.ReadAllBytes(path);
        File.SetLastWriteTimeUtc(path, s_oldTime);
        var (code, _, _) = await CommandLineTests.Run("publish", path, "--content", temp.Path, "--force", "--by", "editor-1", "--db", Path.Combine(temp.Path, ".state", "editorial.db"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(s_oldTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task Publishing_a_broken_note_exits_3_with_the_reason_and_leaves_it_untouched()
    {
        using var temp = Content();
        var path = Path.Combine(temp.Path, "broken.md");
        var before = File.ReadAllBytes(path);
        File.SetLastWriteTimeUtc(path, s_oldTime);
        var (code, _, stderr) = await CommandLineTests.Run("publish", "broken.md", "--content", temp.Path, "--force", "--by", "editor-1", "--db", Path.Combine(temp.Path, ".state", "editorial.db"));
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("line 4: duplicate key 'title'", stderr);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(s_oldTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task Publish_needs_force_and_by()
    {
        using var temp = Content();
        var path = Path.Combine(temp.Path, "a-draft.md");
        var before = File.ReadAllBytes(path);
        var (noForce, _, stderr) = await CommandLineTests.Run("publish", "a-draft.md", "--content", temp.Path, "--by", "editor-1");
        Assert.Equal(ExitCodes.Usage, noForce);
        Assert.Contains("--force", stderr);
        var (noBy, _, _) = await CommandLineTests.Run("publish", "a-draft.md", "--content", temp.Path, "--force");
        Assert.Equal(ExitCodes.Usage, noBy);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Publishing_a_missing_file_is_refused()
    {
        using var temp = Content();
        var (code, _, stderr) = await CommandLineTests.Run("publish", "nope.md", "--content", temp.Path, "--force", "--by", "editor-1", "--db", Path.Combine(temp.Path, ".state", "editorial.db"));
        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("nope.md", stderr);
    }

    [Fact]
    public async Task The_content_folder_defaults_to_the_configured_root()
    {
        using var temp = Content();
        var (code, stdout, _) = await CommandLineTests.Run("drafts", "--json", $"--Content:Root={temp.Path}");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_bundled_samples_hold_drafts_published_notes_and_one_broken_note()
    {
        var samples = Path.Combine(Path.GetDirectoryName(Fixtures.FrontMatterFolder)!, "..", "..", "..", "samples", "content");
        var (code, stdout, _) = await CommandLineTests.Run("scan", "--content", samples, "--json");
        Assert.Equal(ExitCodes.Success, code);
        var items = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.True(items.Count >= 6);
        Assert.Contains(items, i => i.GetProperty("draft").GetBoolean());
        Assert.Contains(items, i => i.GetProperty("status").GetString() == "published");
        Assert.Single(items, i => i.GetProperty("error").ValueKind != JsonValueKind.Null);
        Assert.Contains(items, i => i.GetProperty("path").GetString()!.Contains('/'));
    }
}
