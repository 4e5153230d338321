using System.Globalization;

namespace EditorialBot.Workflow.Claims;

/// <summary>
/// Parses Arabic, Chinese and mixed numerals: 39万, 3.5万亿, 三十九万, 四百亿, 两千, 一亿三千万, 三点五, 二〇二五.
/// Big units follow the mainland reading: 万 = 1e4, 亿 = 1e8, 万亿 = 1e12.
/// </summary>
internal static class ChineseNumber
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        if (IsDigitString(text))
        {
            // 二〇二五: read digit by digit.
            double digits = 0;
            foreach (var c in text)
            {
                digits = digits * 10 + Digit(c);
            }
            value = digits;
            return true;
        }

        double total = 0, section = 0, number = 0;
        var any = false;
        var i = 0;
        if (char.IsAsciiDigit(text[0]))
        {
            var end = 0;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or ','))
            {
                end++;
            }
            var arabic = text[..end].ToString().Replace(",", "", StringComparison.Ordinal);
            if (!double.TryParse(arabic, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
            {
                return false;
            }
            any = true;
            i = end;
        }
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var digit = Digit(c);
            if (digit >= 0)
            {
                number = digit;
                any = true;
                continue;
            }
            switch (c)
            {
                case '十' or '百' or '千':
                    if (number == 0 && c == '十')
                    {
                        number = 1;
                    }
                    section += number * (c == '十' ? 10 : c == '百' ? 100 : 1000);
                    number = 0;
                    any = true;
                    break;
                case '万':
                    section = (section + number) * 1e4;
                    number = 0;
                    break;
                case '亿':
                    total = (total + section + number) * 1e8;
                    section = 0;
                    number = 0;
                    break;
                case '点':
                    var fraction = 0d;
                    var scale = 0.1;
                    for (i++; i < text.Length && Digit(text[i]) >= 0; i++)
                    {
                        fraction += Digit(text[i]) * scale;
                        scale /= 10;
                    }
                    number += fraction;
                    i--;
                    break;
                case '多' or '余' or '几':
                    break;
                default:
                    return false;
            }
        }
        value = total + section + number;
        return any;
    }

    public static double Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"Not a number: {text}");

    /// <summary>The value of one digit character (Arabic or Chinese), or -1.</summary>
    public static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static bool IsDigitString(ReadOnlySpan<char> text)
    {
        if (text.Length < 2)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (Digit(c) < 0 || char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
