namespace EditorialBot.Workflow.Content;

/// <summary>What an explicit tag (or its absence) makes of a scalar.</summary>
internal enum ScalarTag
{
    /// <summary>Untagged plain scalar: the schema decides.</summary>
    Plain,
    Str,
    Null,
    Bool,
    Int,
    Float,
    /// <summary>Timestamps, binary and other known types: truthy objects.</summary>
    Other,
}

internal static class ScalarTags
{
    public static ScalarTag Of(YamlScalar scalar) => scalar.Tag switch
    {
        null => scalar.IsPlain ? ScalarTag.Plain : ScalarTag.Str,
        "!" or "tag:yaml.org,2002:str" => ScalarTag.Str,
        "tag:yaml.org,2002:null" => ScalarTag.Null,
        "tag:yaml.org,2002:bool" => ScalarTag.Bool,
        "tag:yaml.org,2002:int" => ScalarTag.Int,
        "tag:yaml.org,2002:float" => ScalarTag.Float,
        _ => ScalarTag.Other,
    };

    /// <summary>Tags js-yaml's default schema knows; any other tag makes js-yaml reject the whole document.</summary>
    public static bool IsKnown(string tag) => tag is "!" || tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal);
}

/// <summary>YAML number recognition, enough to tell zero and NaN from everything else.</summary>
internal static class YamlNumbers
{
    public static bool IsNumber(string text)
    {
        var s = text.AsSpan();
        if (s is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            s = s[1..];
        }
        if (s is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }
        if (s.Length > 2 && s[0] == '0' && (s[1] is 'x' or 'o' or 'b'))
        {
            var digits = s[2..];
            return digits.Length > 0 && s[1] switch
            {
                'x' => digits.IndexOfAnyExcept("0123456789abcdefABCDEF_") < 0,
                'o' => digits.IndexOfAnyExcept("01234567_") < 0,
                _ => digits.IndexOfAnyExcept("01_") < 0,
            };
        }
        var mantissa = s;
        var e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            mantissa = s[..e];
            var exponent = s[(e + 1)..];
            if (exponent.Length > 0 && (exponent[0] == '-' || exponent[0] == '+'))
            {
                exponent = exponent[1..];
            }
            if (exponent.Length == 0 || exponent.IndexOfAnyExcept("0123456789") >= 0)
            {
                return false;
            }
        }
        var dot = mantissa.IndexOf('.');
        var whole = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? [] : mantissa[(dot + 1)..];
        if (whole.Length == 0 && fraction.Length == 0)
        {
            return false;
        }
        if (whole.Length > 0 && !char.IsAsciiDigit(whole[0]))
        {
            return false;
        }
        return whole.IndexOfAnyExcept("0123456789_") < 0 && fraction.IndexOfAnyExcept("0123456789_") < 0 && fraction.IndexOf('.') < 0;
    }

    /// <summary>True for any spelling of zero and for NaN (both falsy in JavaScript). Assumes <see cref="IsNumber"/>.</summary>
    public static bool IsZeroOrNaN(string text)
    {
        var s = text.AsSpan();
        if (s is ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            s = s[1..];
        }
        if (s.Length > 2 && s[0] == '0' && (s[1] is 'x' or 'o' or 'b'))
        {
            return s[2..].IndexOfAnyExcept("0_") < 0;
        }
        var e = s.IndexOfAny('e', 'E');
        var mantissa = e >= 0 ? s[..e] : s;
        return mantissa.Length > 0 && mantissa.IndexOfAnyExcept("0_.") < 0;
    }
}
