using System.Globalization;
using System.Text.RegularExpressions;

namespace EditorialBot.Workflow.Claims;

/// <summary>A recognised value and where it sits in the (NFKC) sentence.</summary>
internal readonly record struct ValueMatch(int Start, int Length, ClaimValue Value);

/// <summary>
/// Finds and normalises numbers, money, percentages, fractions, ratios and dates (claims.md §6.4, §6.5) in
/// NFKC-normalised text. Overlaps are resolved leftmost-longest, dates winning ties (2028年 is a year, not 2028 年).
/// </summary>
internal static partial class ValueRecognizer
{
    private const string Cn = "零〇一二两三四五六七八九十百千万亿";
    private const string Arabic = @"\d+(?:,\d{3})*(?:\.\d+)?[十百千]?(?:多|余)?(?:万亿|亿|万)?";
    private const string Chinese = "[零〇一二两三四五六七八九十][" + Cn + "多余]*(?:点[零〇一二三四五六七八九]+[万亿]*)?";
    private const string Num = "(?:" + Arabic + "|" + Chinese + ")";

    private const string Units =
        "个百分点|百分点|%|(?i:percent|per cent)(?![a-z])|"
        + "亿美元|美元|美金|元人民币|亿元|人民币|欧元|日元|港元|港币|英镑|韩元|新台币|台币|块钱|元|(?i:dollars?)(?![a-z])|"
        + "倍|片晶圆|片|晶圆|纳米|nm(?![a-z])|颗|块|台|辆|吨|桶|GW|MW|kW|TOPS|TFLOPS|PFLOPS|EFLOPS|GB|TB|PB|"
        + "亿次|次|万人|人|家|个|项|座|架|艘|款|条|名|位|所|年|个月|月|周|天|小时|公里|千米|米|毫米|英寸|瓦|千瓦|兆瓦|"
        + "(?i:jobs?|people|years?|tons?)(?![a-z])";

    [GeneratedRegex(
        @"(?<![A-Za-z0-9.\-_/#])(?<pre>大约|约|将近|近|超过|逾|至少|最多|接近|高达|不到|不足|(?i:about |around |approximately |nearly |almost |over |more than |less than |up to ))?"
        + @"(?<cur>US\$|[$¥€£])?(?<n1>" + Num + @")(?:\s?(?<rng>到|至|-|~|—|–)\s?(?<n2>" + Num + @"))?"
        + @"(?<scale> (?i:trillion|billion|million|thousand)(?![a-z]))?(?<more>多|余)?\s?(?<unit>" + Units + @")?(?<post>左右|上下|以上|以下|多)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex QuantityRegex();

    [GeneratedRegex(@"百分之(?<n>\d+(?:\.\d+)?|[零〇一二三四五六七八九十百点]+)(?<post>左右|上下|以上|以下)?")]
    private static partial Regex PercentWordsRegex();

    [GeneratedRegex(@"(?<![零〇一二两三四五六七八九十\d])(?<n>[一二两三四五六七八九十]|\d)成(?![本立为功果熟员就绩长交型品都千效了])(?<post>左右|以上|以下)?")]
    private static partial Regex TenthsRegex();

    [GeneratedRegex(@"(?<d>[一二三四五六七八九十百千万\d]+)分之(?<n>[一二三四五六七八九十百\d]+(?:点[零一二三四五六七八九]+)?)")]
    private static partial Regex FractionRegex();

    [GeneratedRegex(@"一半|大半|过半")]
    private static partial Regex HalfRegex();

    [GeneratedRegex(@"翻了?(?<n>一|两|三|\d)?番|翻倍|翻了一倍")]
    private static partial Regex DoublingRegex();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})[-/](?<m>\d{1,2})[-/](?<d>\d{1,2})(?!\d)")]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"(?<![\d〇零一二三四五六七八九])(?<y>\d{4}|[〇零一二三四五六七八九]{4})年(?:(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?(?:(?<d>[12]\d|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?|(?<half>[上下])半年|(?<part>初|中|底|末)|(?<q>第?[一二三四1-4]季度|[Qq][1-4]))?")]
    private static partial Regex ChineseDateRegex();

    [GeneratedRegex(@"(?<![\d年])(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?(?:(?<d>[12]\d|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号])?")]
    private static partial Regex MonthDayRegex();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})\s?[Qq](?<q>[1-4])(?!\d)|(?<![\d年])第?(?<q>[一二三四1-4])季度|(?<![\d年])(?<half>[上下])半年")]
    private static partial Regex PeriodRegex();

    [GeneratedRegex(@"(?:(?<c>\d{2}|二十|十九)世纪)?(?<d>\d0|[一二三四五六七八九]十)年代")]
    private static partial Regex DecadeRegex();

    [GeneratedRegex(@"(?<n>十[一二三四五六])五(?:期间|规划|计划)?")]
    private static partial Regex FiveYearPlanRegex();

    [GeneratedRegex(@"(?<![A-Za-z])(?<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (?:(?<d>\d{1,2})(?:st|nd|rd|th)?,? )?(?<y>(?:1[89]|20)\d{2})(?!\d)")]
    private static partial Regex EnglishDateRegex();

    [GeneratedRegex(@"(?<![\d.,$])(?<y>(?:1[89]|20)\d{2})(?![\d.,%]|万|亿|年代)")]
    private static partial Regex BareYearRegex();

    public static List<ValueMatch> Find(string text)
    {
        List<(ValueMatch Match, int Priority)> all = [];
        AddDates(text, all);
        AddQuantities(text, all);
        all.Sort(static (a, b) =>
            a.Match.Start != b.Match.Start ? a.Match.Start.CompareTo(b.Match.Start)
            : a.Match.Length != b.Match.Length ? b.Match.Length.CompareTo(a.Match.Length)
            : a.Priority.CompareTo(b.Priority));
        List<ValueMatch> result = [];
        var covered = 0;
        foreach (var (match, _) in all)
        {
            if (match.Start >= covered)
            {
                result.Add(match);
                covered = match.Start + match.Length;
            }
        }
        return result;
    }

    private static void AddDates(string text, List<(ValueMatch, int)> all)
    {
        // Cheap guards first: most sentences have none of the characters a pattern needs.
        var span = text.AsSpan();
        var digits = span.IndexOfAnyInRange('0', '9') >= 0;
        if (digits && (span.Contains('-') || span.Contains('/')))
        {
            foreach (Match m in IsoDateRegex().Matches(text))
            {
                AddDate(all, m, $"{m.Groups["y"].Value}-{Two(m.Groups["m"].Value)}-{Two(m.Groups["d"].Value)}");
            }
        }
        if (span.Contains('年'))
        {
            AddChineseDates(text, all);
        }
        if (span.Contains("年代", StringComparison.Ordinal))
        {
            foreach (Match m in DecadeRegex().Matches(text))
            {
                var decade = (int)ChineseNumber.Parse(m.Groups["d"].Value);
                var century = m.Groups["c"].Success ? (int)ChineseNumber.Parse(m.Groups["c"].Value) - 1 : decade <= 20 ? 20 : 19;
                AddDate(all, m, $"{century * 100 + decade}s");
            }
        }
        if (span.Contains('月'))
        {
            AddMonthDays(text, all);
        }
        if (span.Contains('季') || span.Contains("半年", StringComparison.Ordinal) || (digits && span.IndexOfAny('Q', 'q') >= 0))
        {
            AddPeriods(text, all);
        }
        if (span.Contains("五", StringComparison.Ordinal) && span.Contains('十'))
        {
            AddPlans(text, all);
        }
        if (digits)
        {
            foreach (Match m in EnglishDateRegex().Matches(text))
            {
                var month = Array.FindIndex(s_months, p => m.Groups["m"].Value.StartsWith(p, StringComparison.OrdinalIgnoreCase)) + 1;
                AddDate(all, m, $"{m.Groups["y"].Value}-{month:00}" + (m.Groups["d"].Success ? $"-{Two(m.Groups["d"].Value)}" : ""));
            }
            foreach (Match m in BareYearRegex().Matches(text))
            {
                AddDate(all, m, m.Groups["y"].Value);
            }
        }
    }

    private static void AddChineseDates(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in ChineseDateRegex().Matches(text))
        {
            var year = Year(m.Groups["y"].Value);
            string period;
            if (m.Groups["q"].Success)
            {
                period = $"{year}-Q{Quarter(m.Groups["q"].Value)}";
            }
            else if (m.Groups["half"].Success)
            {
                period = $"{year}-H{(m.Groups["half"].Value == "上" ? 1 : 2)}";
            }
            else if (m.Groups["part"].Success)
            {
                period = $"{year}-{m.Groups["part"].Value switch { "初" => "start", "中" => "mid", _ => "end" }}";
            }
            else if (m.Groups["m"].Success)
            {
                period = $"{year}-{Two(m.Groups["m"].Value)}" + (m.Groups["d"].Success ? $"-{Two(m.Groups["d"].Value)}" : "");
            }
            else
            {
                period = year;
            }
            AddDate(all, m, period);
        }
    }

    private static void AddMonthDays(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in MonthDayRegex().Matches(text))
        {
            // A lone 一月 is too often not a month (一月一次); require digits, 份 or a day.
            if (!m.Groups["d"].Success && !m.Value.EndsWith('份') && !char.IsAsciiDigit(m.Value[0]))
            {
                continue;
            }
            AddDate(all, m, $"--{Two(m.Groups["m"].Value)}" + (m.Groups["d"].Success ? $"-{Two(m.Groups["d"].Value)}" : ""));
        }
    }

    private static void AddPeriods(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in PeriodRegex().Matches(text))
        {
            var prefix = m.Groups["y"].Success ? m.Groups["y"].Value + "-" : "";
            AddDate(all, m, m.Groups["half"].Success
                ? $"H{(m.Groups["half"].Value == "上" ? 1 : 2)}"
                : $"{prefix}Q{Quarter(m.Groups["q"].Value)}");
        }
    }

    private static void AddPlans(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in FiveYearPlanRegex().Matches(text))
        {
            var n = (int)ChineseNumber.Parse(m.Groups["n"].Value);
            // The third plan began in 1966 after a three-year gap; from then on every five years.
            var start = n >= 3 ? 1966 + ((n - 3) * 5) : 1953 + ((n - 1) * 5);
            AddDate(all, m, $"{start}/{start + 4}");
        }
    }

    private static readonly string[] s_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static void AddDate(List<(ValueMatch, int)> all, Match m, string period) =>
        all.Add((new ValueMatch(m.Index, m.Length, new ClaimValue("date", m.Value, null, null, null, period, false)), 0));

    private static void AddQuantities(string text, List<(ValueMatch, int)> all)
    {
        var span = text.AsSpan();
        if (span.Contains("百分之", StringComparison.Ordinal))
        {
            AddPercentWords(text, all);
        }
        if (span.Contains('成'))
        {
            AddTenths(text, all);
        }
        if (span.Contains("分之", StringComparison.Ordinal))
        {
            AddFractions(text, all);
        }
        if (span.Contains('半'))
        {
            foreach (Match m in HalfRegex().Matches(text))
            {
                all.Add((new ValueMatch(m.Index, m.Length, new ClaimValue("fraction", m.Value, 0.5, null, null, null, m.Value[0] != '一')), 1));
            }
        }
        if (span.Contains('翻'))
        {
            AddDoublings(text, all);
        }
        if (span.IndexOfAnyInRange('0', '9') >= 0 || MayHoldChineseQuantity(span))
        {
            foreach (Match m in QuantityRegex().Matches(text))
            {
                if (TryQuantity(text, m) is { } value)
                {
                    all.Add((new ValueMatch(m.Index, m.Length, value), 2));
                }
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> s_numeralChars = System.Buffers.SearchValues.Create("零〇一二两三四五六七八九十百千万亿");

    /// <summary>
    /// Chinese numerals that TryQuantity could keep: two numeral characters in a row (三十, 四百亿) or one before a
    /// unit that counts even for small values. 一个 / 一些 / 统一 are skipped without running the big pattern.
    /// </summary>
    private static bool MayHoldChineseQuantity(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAny(s_numeralChars); i >= 0 && i < text.Length - 1;)
        {
            var next = text[i + 1];
            if (s_numeralChars.Contains(next) || next is '倍' or '片' or '吨' or '桶' or '纳' or '美' or '元' or '块' or '多' or '余' or '点')
            {
                return true;
            }
            var rest = text[(i + 1)..].IndexOfAny(s_numeralChars);
            if (rest < 0)
            {
                return false;
            }
            i += 1 + rest;
        }
        return false;
    }

    private static void AddPercentWords(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in PercentWordsRegex().Matches(text))
        {
            if (ChineseNumber.TryParse(m.Groups["n"].ValueSpan, out var n))
            {
                all.Add((new ValueMatch(m.Index, m.Length, new ClaimValue("percent", m.Value, Round(n / 100), null, "%", null, m.Groups["post"].Success)), 1));
            }
        }
    }

    private static void AddTenths(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in TenthsRegex().Matches(text))
        {
            var n = ChineseNumber.Parse(m.Groups["n"].Value);
            all.Add((new ValueMatch(m.Index, m.Length, new ClaimValue("percent", m.Value, Round(n / 10), null, "%", null, m.Groups["post"].Success)), 1));
        }
    }

    private static void AddFractions(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in FractionRegex().Matches(text))
        {
            if (ChineseNumber.TryParse(m.Groups["d"].ValueSpan, out var d) && ChineseNumber.TryParse(m.Groups["n"].ValueSpan, out var n) && d != 0)
            {
                all.Add((new ValueMatch(m.Index, m.Length, new ClaimValue("fraction", m.Value, Round(n / d), null, null, null, false)), 1));
            }
        }
    }

    private static void AddDoublings(string text, List<(ValueMatch, int)> all)
    {
        foreach (Match m in DoublingRegex().Matches(text))
        {
            var times = m.Groups["n"].Success ? Math.Pow(2, ChineseNumber.Parse(m.Groups["n"].Value)) : 2;
            all.Add((new ValueMatch(m.Index, m.Length, new ClaimValue("ratio", m.Value, times, null, "x", null, false)), 1));
        }
    }

    private static ClaimValue? TryQuantity(string text, Match m)
    {
        var n1 = m.Groups["n1"].Value;
        var unitText = m.Groups["unit"].Success ? m.Groups["unit"].Value : null;
        var end = m.Index + m.Length;
        // 910C, H100 and 5G are model names, not quantities; 7nm is a quantity.
        if (end < text.Length && char.IsAsciiLetter(text[end]) && (unitText is null || char.IsAsciiLetter(unitText[^1])))
        {
            return null;
        }
        if (!ChineseNumber.TryParse(n1, out var value))
        {
            return null;
        }
        double? upper = null;
        if (m.Groups["n2"].Success && ChineseNumber.TryParse(m.Groups["n2"].ValueSpan, out var high))
        {
            upper = high;
        }
        var isChinese = !char.IsAsciiDigit(n1[0]);
        var currency = Currency(m.Groups["cur"].Value, unitText);
        var scale = m.Groups["scale"].Success ? m.Groups["scale"].Value.Trim().ToLowerInvariant() switch
        {
            "trillion" => 1e12,
            "billion" => 1e9,
            "million" => 1e6,
            _ => 1e3,
        } : 1;
        if (unitText is "亿美元" or "亿元")
        {
            scale *= 1e8;
        }
        value *= scale;
        upper *= scale;

        string type;
        string? unit;
        if (unitText is not null && (unitText.Contains('%') || unitText.Contains("百分点", StringComparison.Ordinal)
            || unitText.StartsWith("per", StringComparison.OrdinalIgnoreCase)))
        {
            type = "percent";
            unit = unitText.Contains("百分点", StringComparison.Ordinal) ? "pp" : "%";
            value /= 100;
            upper /= 100;
        }
        else if (currency is not null)
        {
            type = "money";
            unit = currency;
        }
        else if (unitText == "倍")
        {
            type = "ratio";
            unit = "x";
        }
        else
        {
            type = "number";
            unit = unitText?.ToLowerInvariant() switch
            {
                null => null,
                "片晶圆" or "晶圆" => "片",
                "纳米" => "nm",
                var u when u.StartsWith("job", StringComparison.Ordinal) => "jobs",
                var u when u.StartsWith("year", StringComparison.Ordinal) => "years",
                var u when u.StartsWith("ton", StringComparison.Ordinal) => "tons",
                _ => unitText,
            };
        }

        // Chinese numerals are everywhere in prose (一个, 一些, 十分); count them only when they are clearly a quantity.
        if (isChinese && value < 10 && type == "number" && unit is not ("片" or "nm" or "吨" or "桶" or "亿次"))
        {
            return null;
        }
        if (isChinese && unit is null && type == "number" && value < 100 && !n1.Contains('万') && !n1.Contains('亿'))
        {
            return null; // 十分 (very), 三十 on its own: too often not a statistic
        }
        if (!isChinese && unit is null && type == "number" && value < 10 && !n1.Contains('.') && !m.Groups["scale"].Success)
        {
            return null; // a bare small digit ("第2", "3 of them") is not a statistic
        }
        var approximate = m.Groups["pre"].Success || m.Groups["post"].Success || m.Groups["more"].Success
            || n1.Contains('多') || n1.Contains('余');
        return new ClaimValue(upper is null ? type : "range", m.Value.Trim(), Round(value), upper is { } u2 ? Round(u2) : null, unit, null, approximate);
    }

    private static string? Currency(string symbol, string? unit)
    {
        var fromUnit = unit?.ToLowerInvariant() switch
        {
            "亿美元" or "美元" or "美金" or "dollar" or "dollars" => "USD",
            "人民币" or "元" or "块钱" or "元人民币" or "亿元" => "CNY",
            "欧元" => "EUR",
            "日元" => "JPY",
            "港元" or "港币" => "HKD",
            "英镑" => "GBP",
            "韩元" => "KRW",
            "新台币" or "台币" => "TWD",
            _ => null,
        };
        return fromUnit ?? symbol switch
        {
            "$" or "US$" or "us$" => "USD",
            "¥" => "CNY",
            "€" => "EUR",
            "£" => "GBP",
            _ => null,
        };
    }

    private static string Year(string y) => char.IsAsciiDigit(y[0]) ? y : ((int)ChineseNumber.Parse(y)).ToString("0000", CultureInfo.InvariantCulture);

    private static string Two(string n) => ((int)ChineseNumber.Parse(n)).ToString("00", CultureInfo.InvariantCulture);

    private static int Quarter(string q) => ChineseNumber.Digit(q.TrimStart('第', 'Q', 'q')[0]);

    /// <summary>Rounds away binary noise (0.6 stays 0.6, 1/3 keeps 12 digits) so JSON is stable and readable.</summary>
    private static double Round(double value) => Math.Round(value, 12);
}
