using System.Text.Json.Nodes;

namespace EditorialBot.FakeDiscord;

/// <summary>Discord's form validation as the fake applies it: code points, inclusive limits, 50035 error trees.</summary>
internal static class FakeLimits
{
    public static JsonObject? ValidateMessage(JsonObject body, bool requireSomething)
    {
        var errors = new List<(string Path, string Code, string Message)>();
        Check(errors, "content", Len(body["content"]), 2000);
        var embeds = body["embeds"] as JsonArray ?? [];
        if (embeds.Count > 10)
        {
            errors.Add(("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."));
        }
        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            if (embeds[i] is not JsonObject embed)
            {
                continue;
            }
            var p = $"embeds.{i}";
            total += Check(errors, $"{p}.title", Len(embed["title"], trim: true), 256);
            total += Check(errors, $"{p}.description", Len(embed["description"], trim: true), 4096);
            total += Check(errors, $"{p}.footer.text", Len(embed["footer"]?["text"], trim: true), 2048);
            total += Check(errors, $"{p}.author.name", Len(embed["author"]?["name"], trim: true), 256);
            var fields = embed["fields"] as JsonArray ?? [];
            if (fields.Count > 25)
            {
                errors.Add(($"{p}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."));
            }
            for (var f = 0; f < fields.Count; f++)
            {
                total += Check(errors, $"{p}.fields.{f}.name", Len(fields[f]?["name"], trim: true), 256, min: 1);
                total += Check(errors, $"{p}.fields.{f}.value", Len(fields[f]?["value"], trim: true), 1024, min: 1);
            }
        }
        if (total > 6000)
        {
            errors.Add(("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"));
        }
        var rows = body["components"] as JsonArray ?? [];
        if (rows.Count > 5)
        {
            errors.Add(("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length."));
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var children = rows[r]?["components"] as JsonArray ?? [];
            if (children.Count is < 1 or > 5)
            {
                errors.Add(($"components.{r}.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."));
            }
            for (var b = 0; b < children.Count; b++)
            {
                Check(errors, $"components.{r}.components.{b}.label", Len(children[b]?["label"]), 80);
                if (children[b]?["style"]?.GetValue<int>() != 5)
                {
                    Check(errors, $"components.{r}.components.{b}.custom_id", Len(children[b]?["custom_id"]), 100, min: 1);
                }
            }
        }
        if (errors.Count > 0)
        {
            return Error(errors);
        }
        if (requireSomething && Len(body["content"]) == 0 && embeds.Count == 0 && rows.Count == 0)
        {
            return new JsonObject { ["code"] = 50006, ["message"] = "Cannot send an empty message" };
        }
        return null;
    }

    public static JsonObject? ValidateThreadName(JsonObject body)
    {
        var errors = new List<(string, string, string)>();
        Check(errors, "name", Len(body["name"]), 100, min: 1);
        return errors.Count > 0 ? Error(errors) : null;
    }

    public static JsonObject? ValidateCallback(JsonObject body)
    {
        var type = body["type"]?.GetValue<int>() ?? 0;
        if (type is < 4 or > 9)
        {
            return Error([("type", "BASE_TYPE_CHOICES", "Value must be one of (4, 5, 6, 7, 8, 9).")]);
        }
        if (body["data"] is not JsonObject data)
        {
            return type is 5 or 6 ? null : Error([("data", "BASE_TYPE_REQUIRED", "This field is required")]);
        }
        var errors = new List<(string, string, string)>();
        if (type == 8)
        {
            var choices = data["choices"] as JsonArray ?? [];
            if (choices.Count > 25)
            {
                errors.Add(("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."));
            }
        }
        else if (type == 9)
        {
            Check(errors, "data.title", Len(data["title"]), 45, min: 1);
            Check(errors, "data.custom_id", Len(data["custom_id"]), 100, min: 1);
            var count = (data["components"] as JsonArray)?.Count ?? 0;
            if (count is < 1 or > 5)
            {
                errors.Add(("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."));
            }
        }
        else
        {
            return ValidateMessage(data, requireSomething: false);
        }
        return errors.Count > 0 ? Error(errors) : null;
    }

    public static int Len(JsonNode? node, bool trim = false)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return 0;
        }
        return (trim ? text.Trim() : text).EnumerateRunes().Count();
    }

    private static int Check(List<(string, string, string)> errors, string path, int length, int max, int min = 0)
    {
        if (length > max)
        {
            errors.Add((path, "BASE_TYPE_MAX_LENGTH", $"Must be {max} or fewer in length."));
        }
        else if (length < min)
        {
            errors.Add((path, "BASE_TYPE_MIN_LENGTH", $"Must be {min} or more in length."));
        }
        return length;
    }

    private static JsonObject Error(List<(string Path, string Code, string Message)> errors)
    {
        var tree = new JsonObject();
        foreach (var (path, code, message) in errors)
        {
            var node = tree;
            foreach (var part in path.Split('.'))
            {
                if (node[part] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[part] = child;
                }
                node = child;
            }
            node["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message });
        }
        return new JsonObject { ["code"] = 50035, ["message"] = "Invalid Form Body", ["errors"] = tree };
    }
}
