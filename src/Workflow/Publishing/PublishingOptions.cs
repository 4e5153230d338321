using EditorialBot.Storage.Configuration;
using EditorialBot.Workflow.Content;

namespace EditorialBot.Workflow.Publishing;

/// <summary>Configuration section <c>Publishing</c>: the front-matter values a publish writes.</summary>
internal sealed class PublishingOptions : IValidatedOptions
{
    public static string Section => "Publishing";

    public string DraftValue { get; set; } = "false";

    public string StatusValue { get; set; } = "published";

    public PublishSettings Values => new(DraftValue, StatusValue);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(DraftValue))
        {
            yield return "Publishing:DraftValue is empty: set it to the value 'draft' gets on publish, such as false.";
        }
        if (string.IsNullOrWhiteSpace(StatusValue))
        {
            yield return "Publishing:StatusValue is empty: set it to the value 'status' gets on publish, such as published.";
        }
    }
}
