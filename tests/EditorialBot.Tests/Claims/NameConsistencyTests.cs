using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Claims;

public sealed class NameConsistencyTests
{
    private static readonly Glossary s_glossary = GlossaryFile.Parse("""
        - canonical: 昇腾
          aliases: [Ascend]
          variants: [升腾, 深腾]
          context_variants: [深层]
        - canonical: ASML
          aliases: [阿斯麦]
          variants: [阿斯迈尔]
        """, "glossary.yaml");

    [Fact]
    public void Warns_about_glossary_variants_with_their_lines()
    {
        const string note = "---\ntitle: t\n---\n昇腾910C很强。\n\n升腾910C量产了。\n\n深层910C和深腾910C。\n\n深层原因很复杂。\n\n阿斯迈尔和ASML是一家。\n";
        var warnings = new RuleClaimExtractor(s_glossary).Extract(note).Warnings;

        var ascend = warnings.Single(static w => w.Canonical == "昇腾");
        Assert.Equal([("升腾", new[] { 6 }), ("昇腾", [4]), ("深层", [8]), ("深腾", [8])],
            ascend.Uses.Select(static u => (u.Spelling, u.Lines.ToArray())).OrderBy(static u => u.Spelling, StringComparer.Ordinal));
        Assert.Contains("house spelling is 昇腾", ascend.Message);
        Assert.Contains(warnings, static w => w.Canonical == "ASML" && w.Uses.Any(static u => u.Spelling == "阿斯迈尔"));
    }

    [Fact]
    public void Accepts_aliases_without_a_warning() =>
        Assert.Empty(new RuleClaimExtractor(s_glossary).Extract("昇腾910C，也叫Ascend 910C。阿斯麦就是ASML。").Warnings);

    [Fact]
    public void Notices_a_model_number_after_look_alike_names_without_a_glossary()
    {
        var warnings = new RuleClaimExtractor().Extract("海思910C发布了。\n\n后来海斯910C又改版了。\n\n华为910C也卖。\n").Warnings;
        var warning = Assert.Single(warnings);
        Assert.Equal("910C", warning.Canonical);
        Assert.Equal(["华为", "海思", "海斯"], warning.Uses.Select(static u => u.Spelling).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ignores_verbs_and_unrelated_words_before_model_numbers() =>
        Assert.Empty(new RuleClaimExtractor().Extract("美国H200卖给中国。中国要买H200吗？量产H200不容易。").Warnings);

    [Fact]
    public void Reports_a_bad_glossary_with_its_path()
    {
        var error = Assert.Throws<FormatException>(() => GlossaryFile.Parse("- aliases: [x]\n", "/x/glossary.yaml"));
        Assert.Contains("/x/glossary.yaml", error.Message);
        Assert.Contains("canonical", error.Message);
    }

    [Fact]
    public void Reports_an_unknown_key_or_a_broken_list_with_its_line()
    {
        var unknown = Assert.Throws<FormatException>(() => GlossaryFile.Parse("- canonical: 昇腾\n  alias: [Ascend]\n", "/x/glossary.yaml"));
        Assert.StartsWith("/x/glossary.yaml:2: invalid glossary: unknown key 'alias'", unknown.Message);
        var broken = Assert.Throws<FormatException>(() => GlossaryFile.Parse("- canonical: 昇腾\n  variants: [升腾, {x: 1}]\n", "/x/glossary.yaml"));
        Assert.StartsWith("/x/glossary.yaml:2: invalid glossary:", broken.Message);
        var missing = Assert.Throws<FormatException>(() => GlossaryFile.Parse("- canonical: 昇腾\n- aliases: [x]\n", "/x/glossary.yaml"));
        Assert.Equal("/x/glossary.yaml:2: entry 2 has no 'canonical' name.", missing.Message);
    }

    [Fact]
    public void Reads_lists_in_either_style_and_a_single_name()
    {
        var glossary = GlossaryFile.Parse("""
            # comment
            - canonical: " 英伟达 "
              aliases:
                - NVIDIA
                - ""
              variants: 英伟大
            - canonical: 麒麟
            """, "glossary.yaml");
        Assert.Equal(["英伟达", "麒麟"], glossary.Entries.Select(static e => e.Canonical));
        Assert.Equal(["NVIDIA"], glossary.Entries[0].Aliases);
        Assert.Equal(["英伟大"], glossary.Entries[0].Variants);
        Assert.Empty(glossary.Entries[1].ContextVariants);
        Assert.Empty(GlossaryFile.Parse("# nothing yet\n", "glossary.yaml").Entries);
    }

    [Fact]
    public void The_shipped_glossary_parses()
    {
        var glossary = GlossaryFile.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "glossary.yaml")), "glossary.yaml");
        Assert.Contains(glossary.Entries, static e => e.Canonical == "昇腾" && e.Variants.Contains("升腾"));
        Assert.Contains(glossary.Entries, static e => e.Canonical == "英伟达" && e.Aliases.Contains("NVIDIA"));
    }
}
