using System.Text;
using EditorialBot.Workflow.Claims;

namespace EditorialBot.Bot.Cards;

/// <summary>
/// The claim part of a review card, already fitted to Discord's embed limits (title 256, description 4096, at most 25 fields
/// of name 256 / value 1024, footer 2048, 6000 in all; code points). The Discord client maps it 1:1 to an embed.
/// </summary>
internal sealed record ClaimCard(
    string Title,
    string? Url,
    string Description,
    IReadOnlyList<CardField> Fields,
    string Footer,
    IReadOnlyList<string> ClaimIds,
    int HiddenClaims)
{
    public const int TitleLimit = 256;
    public const int DescriptionLimit = 4096;
    public const int FieldCountLimit = 25;
    public const int FieldNameLimit = 256;
    public const int FieldValueLimit = 1024;
    public const int FooterLimit = 2048;
    public const int TotalLimit = 6000;

    /// <summary>Code points Discord counts towards the 6000 limit.</summary>
    public int TotalLength =>
        TextFit.CodePoints(Title) + TextFit.CodePoints(Description) + TextFit.CodePoints(Footer)
        + Fields.Sum(static f => TextFit.CodePoints(f.Name) + TextFit.CodePoints(f.Value));

    /// <summary>The card as plain text, the way the <c>card</c> verb prints it.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# ").AppendLine(Url is null ? Title : $"[{Title}]({Url})");
        text.AppendLine();
        text.AppendLine(Description);
        foreach (var field in Fields)
        {
            text.AppendLine();
            text.Append("## ").AppendLine(field.Name);
            text.AppendLine(field.Value);
        }
        text.AppendLine();
        text.Append("-- ").AppendLine(Footer);
        return text.ToString();
    }
}

/// <summary>One embed field.</summary>
internal sealed record CardField(string Name, string Value, bool Inline = false);
