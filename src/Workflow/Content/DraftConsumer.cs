namespace EditorialBot.Workflow.Content;

/// <summary>The site generators whose reading of <c>draft</c> we compare (front-matter.md §1.5).</summary>
internal enum DraftConsumer
{
    Eleventy,
    /// <summary>Hugo up to 0.151 (yaml.v2, YAML 1.1).</summary>
    Hugo,
    /// <summary>Hugo 0.152 and later (goccy/go-yaml, YAML 1.2 booleans).</summary>
    HugoGoccy,
    Jekyll,
}

/// <summary>
/// How each consumer turns a <c>draft</c> value into "is a draft". Pure functions over the parsed node.
/// </summary>
internal static class DraftTruth
{
    public static readonly DraftConsumer[] All = [DraftConsumer.Eleventy, DraftConsumer.Hugo, DraftConsumer.HugoGoccy, DraftConsumer.Jekyll];

    public static DraftConsumer ConsumerOf(DraftDialect dialect) => dialect switch
    {
        DraftDialect.Hugo => DraftConsumer.Hugo,
        DraftDialect.Jekyll => DraftConsumer.Jekyll,
        _ => DraftConsumer.Eleventy,
    };

    public static string Name(DraftConsumer consumer) => consumer switch
    {
        DraftConsumer.Eleventy => "Eleventy",
        DraftConsumer.Hugo => "Hugo<=0.151",
        DraftConsumer.HugoGoccy => "Hugo>=0.152",
        _ => "Jekyll",
    };

    /// <summary>Whether <paramref name="value"/> (null: key missing) makes a draft for <paramref name="consumer"/>.</summary>
    public static bool IsDraft(DraftConsumer consumer, YamlNode? value)
    {
        if (value is null)
        {
            return false;
        }
        value = value.Resolve();
        if (value is not YamlScalar scalar)
        {
            // JS and Ruby: arrays and objects are truthy; Hugo's cast.ToBool fails on them and yields false.
            return consumer is DraftConsumer.Eleventy or DraftConsumer.Jekyll;
        }
        return consumer switch
        {
            DraftConsumer.Eleventy => JsTruthy(scalar),
            DraftConsumer.Jekyll => RubyTruthy(scalar),
            DraftConsumer.Hugo => CastToBool(scalar, yaml11: true),
            _ => CastToBool(scalar, yaml11: false),
        };
    }

    /// <summary>js-yaml 4 (core schema) value, then JavaScript truthiness.</summary>
    private static bool JsTruthy(YamlScalar scalar)
    {
        var text = scalar.Value;
        switch (ScalarTags.Of(scalar))
        {
            case ScalarTag.Str:
                return text.Length > 0;
            case ScalarTag.Null:
                return false;
            case ScalarTag.Bool:
                return IsCoreTrue(text);
            case ScalarTag.Int:
            case ScalarTag.Float:
                return !YamlNumbers.IsZeroOrNaN(text);
            case ScalarTag.Other:
                return true;
        }
        // Untagged plain scalar: resolve with the YAML 1.2 core schema.
        if (IsCoreNull(text) || IsCoreFalse(text))
        {
            return false;
        }
        if (IsCoreTrue(text))
        {
            return true;
        }
        return !(YamlNumbers.IsNumber(text) && YamlNumbers.IsZeroOrNaN(text));
    }

    /// <summary>Psych (YAML 1.1 booleans, case-insensitive) then Ruby truthiness: only nil and false are falsy.</summary>
    private static bool RubyTruthy(YamlScalar scalar)
    {
        var text = scalar.Value;
        return ScalarTags.Of(scalar) switch
        {
            ScalarTag.Str => true,
            ScalarTag.Null => false,
            ScalarTag.Bool => !IsYaml11False(text, ignoreCase: true),
            ScalarTag.Plain => !(IsCoreNull(text) || IsYaml11False(text, ignoreCase: true)),
            _ => true,
        };
    }

    /// <summary>Go YAML value, then spf13/cast <c>ToBool</c>: numbers are non-zero, strings go through <c>strconv.ParseBool</c>.</summary>
    private static bool CastToBool(YamlScalar scalar, bool yaml11)
    {
        var text = scalar.Value;
        var tag = ScalarTags.Of(scalar);
        if (tag is ScalarTag.Str)
        {
            return GoParseBool(text);
        }
        if (tag is ScalarTag.Plain or ScalarTag.Bool or ScalarTag.Null or ScalarTag.Int or ScalarTag.Float)
        {
            if (IsCoreNull(text))
            {
                return false;
            }
            if (yaml11 ? IsYaml11True(text) : IsCoreTrue(text))
            {
                return true;
            }
            if (yaml11 ? IsYaml11False(text, ignoreCase: false) : IsCoreFalse(text))
            {
                return false;
            }
            if (YamlNumbers.IsNumber(text))
            {
                return !YamlNumbers.IsZeroOrNaN(text);
            }
        }
        return GoParseBool(text);
    }

    private static bool GoParseBool(string text) => text is "1" or "t" or "T" or "TRUE" or "true" or "True";

    private static bool IsCoreNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    private static bool IsCoreTrue(string text) => text is "true" or "True" or "TRUE";

    private static bool IsCoreFalse(string text) => text is "false" or "False" or "FALSE";

    private static bool IsYaml11True(string text) =>
        text is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" || IsCoreTrue(text);

    private static bool IsYaml11False(string text, bool ignoreCase)
    {
        if (ignoreCase)
        {
            return text.Equals("false", StringComparison.OrdinalIgnoreCase)
                || text.Equals("no", StringComparison.OrdinalIgnoreCase)
                || text.Equals("off", StringComparison.OrdinalIgnoreCase);
        }
        return text is "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" || IsCoreFalse(text);
    }
}
