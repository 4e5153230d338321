using EditorialBot.Bot.Discord.Models;

namespace EditorialBot.Bot.Discord;

/// <summary>Discord's size limits, checked before a request leaves. Characters are Unicode code points, as Discord counts them.</summary>
internal static class DiscordLimits
{
    public const int Content = 2000;
    public const int Embeds = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int EmbedFieldName = 256;
    public const int EmbedFieldValue = 1024;
    public const int EmbedFooter = 2048;
    public const int EmbedAuthor = 256;
    public const int EmbedTotal = 6000;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int ThreadName = 100;
    public const int ModalTitle = 45;
    public const int ModalComponents = 5;
    public const int TextInputValue = 4000;
    public const int TextInputPlaceholder = 100;
    public const int LabelText = 45;
    public const int LabelDescription = 100;
    public const int AutocompleteChoices = 25;
    public const int ChoiceName = 100;
    public const int ChoiceValue = 100;
    public const int MentionIds = 100;

    public static int CodePoints(string? text) => text is null ? 0 : text.EnumerateRunes().Count();

    public static void ValidateMessage(string? content, IReadOnlyList<Embed>? embeds, IReadOnlyList<Component>? components, AllowedMentions? mentions)
    {
        Max("content", CodePoints(content), Content);
        if (embeds is not null)
        {
            Max("embeds", embeds.Count, Embeds);
            var total = 0;
            for (var i = 0; i < embeds.Count; i++)
            {
                total += ValidateEmbed($"embeds[{i}]", embeds[i]);
            }
            Max("embeds (all text combined)", total, EmbedTotal);
        }
        if (components is not null)
        {
            ValidateMessageComponents(components);
        }
        if (mentions is not null)
        {
            Max("allowed_mentions.users", mentions.Users?.Count ?? 0, MentionIds);
            Max("allowed_mentions.roles", mentions.Roles?.Count ?? 0, MentionIds);
        }
    }

    public static void ValidateThreadName(string name) => Range("thread name", CodePoints(name), 1, ThreadName);

    public static void ValidateModal(Modal modal)
    {
        Range("modal custom_id", CodePoints(modal.CustomId), 1, CustomId);
        Range("modal title", CodePoints(modal.Title), 1, ModalTitle);
        Range("modal components", modal.Components.Count, 1, ModalComponents);
        for (var i = 0; i < modal.Components.Count; i++)
        {
            var c = modal.Components[i];
            var path = $"modal components[{i}]";
            if (c.Type == Component.LabelType)
            {
                Range($"{path}.label", CodePoints(c.Label), 1, LabelText);
                Max($"{path}.description", CodePoints(c.Description), LabelDescription);
                if (c.Child is { } input)
                {
                    ValidateTextInput($"{path}.component", input);
                }
            }
            else
            {
                foreach (var input in c.Components ?? [])
                {
                    ValidateTextInput($"{path}.components", input);
                }
            }
        }
    }

    public static void ValidateChoices(IReadOnlyList<ApplicationCommandOptionChoice> choices)
    {
        Max("autocomplete choices", choices.Count, AutocompleteChoices);
        for (var i = 0; i < choices.Count; i++)
        {
            Range($"choices[{i}].name", CodePoints(choices[i].Name), 1, ChoiceName);
            if (choices[i].Value is string s)
            {
                Max($"choices[{i}].value", CodePoints(s), ChoiceValue);
            }
        }
    }

    private static int ValidateEmbed(string path, Embed embed)
    {
        // Discord trims embed text before counting it.
        var title = CodePoints(embed.Title?.Trim());
        var description = CodePoints(embed.Description?.Trim());
        var footer = CodePoints(embed.Footer?.Text.Trim());
        var author = CodePoints(embed.Author?.Name.Trim());
        Max($"{path}.title", title, EmbedTitle);
        Max($"{path}.description", description, EmbedDescription);
        Max($"{path}.footer.text", footer, EmbedFooter);
        Max($"{path}.author.name", author, EmbedAuthor);
        var total = title + description + footer + author;
        var fields = embed.Fields ?? [];
        Max($"{path}.fields", fields.Count, EmbedFields);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = CodePoints(fields[i].Name.Trim());
            var value = CodePoints(fields[i].Value.Trim());
            Range($"{path}.fields[{i}].name", name, 1, EmbedFieldName);
            Range($"{path}.fields[{i}].value", value, 1, EmbedFieldValue);
            total += name + value;
        }
        return total;
    }

    private static void ValidateMessageComponents(IReadOnlyList<Component> rows)
    {
        Max("components (action rows)", rows.Count, ActionRows);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Type != Component.ActionRowType)
            {
                throw new DiscordLimitException($"components[{r}] must be an action row", 1, row.Type);
            }
            var children = row.Components ?? [];
            Range($"components[{r}].components", children.Count, 1, ButtonsPerRow);
            for (var b = 0; b < children.Count; b++)
            {
                var button = children[b];
                var path = $"components[{r}].components[{b}]";
                Max($"{path}.label", CodePoints(button.Label), ButtonLabel);
                if (button.Style == (int)ButtonStyle.Link)
                {
                    Max($"{path}.url", CodePoints(button.Url), 512);
                    continue;
                }
                Range($"{path}.custom_id", CodePoints(button.CustomId), 1, CustomId);
                if (!ids.Add(button.CustomId!))
                {
                    throw new DiscordLimitException($"{path}.custom_id '{button.CustomId}' is not unique in the message", 1, 2);
                }
            }
        }
    }

    private static void ValidateTextInput(string path, Component input)
    {
        Range($"{path}.custom_id", CodePoints(input.CustomId), 1, CustomId);
        Max($"{path}.value", CodePoints(input.Value), TextInputValue);
        Max($"{path}.placeholder", CodePoints(input.Placeholder), TextInputPlaceholder);
        Max($"{path}.label", CodePoints(input.Label), LabelText);
    }

    private static void Max(string field, int actual, int limit)
    {
        if (actual > limit)
        {
            throw new DiscordLimitException(field, limit, actual);
        }
    }

    private static void Range(string field, int actual, int min, int max)
    {
        if (actual < min || actual > max)
        {
            throw new DiscordLimitException(field, actual < min ? min : max, actual);
        }
    }
}
