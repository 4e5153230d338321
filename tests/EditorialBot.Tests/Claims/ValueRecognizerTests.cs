using EditorialBot.Workflow.Claims;

namespace EditorialBot.Tests.Claims;

public sealed class ValueRecognizerTests
{
    // expression, type, value, unit, period, approximate
    public static TheoryData<string, string, double?, string?, string?, bool> Table => new()
    {
        { "39万片", "number", 390000, "片", null, false },
        { "400亿美元", "money", 4.0e10, "USD", null, false },
        { "四百亿", "number", 4.0e10, null, null, false },
        { "四百亿美元", "money", 4.0e10, "USD", null, false },
        { "三十九万", "number", 390000, null, null, false },
        { "3.5万亿", "number", 3.5e12, null, null, false },
        { "1.2万", "number", 12000, null, null, false },
        { "两千", "number", 2000, null, null, false },
        { "百分之六十", "percent", 0.6, "%", null, false },
        { "六成", "percent", 0.6, "%", null, false },
        { "三分之一", "fraction", 0.333333333333, null, null, false },
        { "60%左右", "percent", 0.6, "%", null, true },
        { "６０％", "percent", 0.6, "%", null, false },
        { "３９万片", "number", 390000, "片", null, false },
        { "1,000", "number", 1000, null, null, false },
        { "1，000台", "number", 1000, "台", null, false },
        { "3千万", "number", 3.0e7, null, null, false },
        { "一亿三千万", "number", 1.3e8, null, null, false },
        { "两万亿元", "money", 2.0e12, "CNY", null, false },
        { "约500亿元人民币", "money", 5.0e10, "CNY", null, true },
        { "超过1000家", "number", 1000, "家", null, true },
        { "100多亿美元", "money", 1.0e10, "USD", null, true },
        { "7纳米", "number", 7, "nm", null, false },
        { "16nm", "number", 16, "nm", null, false },
        { "8192颗", "number", 8192, "颗", null, false },
        { "25%", "percent", 0.25, "%", null, false },
        { "3个百分点", "percent", 0.03, "pp", null, false },
        { "百分之三点五", "percent", 0.035, "%", null, false },
        { "两倍", "ratio", 2, "x", null, false },
        { "1.5倍", "ratio", 1.5, "x", null, false },
        { "翻番", "ratio", 2, "x", null, false },
        { "翻两番", "ratio", 4, "x", null, false },
        { "$40 billion", "money", 4.0e10, "USD", null, false },
        { "5 percent", "percent", 0.05, "%", null, false },
        { "2.3 million jobs", "number", 2.3e6, "jobs", null, false },
        { "2023年9月份", "date", null, null, "2023-09", false },
        { "2023年9月", "date", null, null, "2023-09", false },
        { "2025年第一季度", "date", null, null, "2025-Q1", false },
        { "2025年Q1", "date", null, null, "2025-Q1", false },
        { "2025Q3", "date", null, null, "2025-Q3", false },
        { "2023年9月5日", "date", null, null, "2023-09-05", false },
        { "2025年9月18日", "date", null, null, "2025-09-18", false },
        { "9月5号", "date", null, null, "--09-05", false },
        { "二〇二五年", "date", null, null, "2025", false },
        { "2024-05-01", "date", null, null, "2024-05-01", false },
        { "2025年上半年", "date", null, null, "2025-H1", false },
        { "2024年下半年", "date", null, null, "2024-H2", false },
        { "2025年初", "date", null, null, "2025-start", false },
        { "2026年底", "date", null, null, "2026-end", false },
        { "20世纪90年代", "date", null, null, "1990s", false },
        { "90年代", "date", null, null, "1990s", false },
        { "十四五期间", "date", null, null, "2021/2025", false },
        { "一季度", "date", null, null, "Q1", false },
        { "September 2023", "date", null, null, "2023-09", false },
        { "March 5, 2024", "date", null, null, "2024-03-05", false },
        { "2028年", "date", null, null, "2028", false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Normalises_number_and_date_expressions(string expression, string type, double? value, string? unit, string? period, bool approximate)
    {
        var normalized = TextNormalizer.Normalize(expression);
        var matches = ValueRecognizer.Find(normalized);

        var match = Assert.Single(matches);
        Assert.Equal(normalized, match.Value.Text);
        Assert.Equal(type, match.Value.Type);
        if (value is null)
        {
            Assert.Null(match.Value.Value);
        }
        else
        {
            Assert.Equal(value.Value, match.Value.Value!.Value, value.Value * 1e-9);
        }
        Assert.Equal(unit, match.Value.Unit);
        Assert.Equal(period, match.Value.Period);
        Assert.Equal(approximate, match.Value.Approximate);
    }

    [Fact]
    public void Reads_a_range_with_both_bounds()
    {
        var match = Assert.Single(ValueRecognizer.Find("3到5年"));
        Assert.Equal(("range", 3d, 5d, "年"), (match.Value.Type, match.Value.Value!.Value, match.Value.Upper!.Value, match.Value.Unit));
    }

    [Theory]
    [InlineData("910C跟H100的差距")]
    [InlineData("一个项目")]
    [InlineData("十分重要")]
    [InlineData("成本很高")]
    [InlineData("万一出事")]
    public void Ignores_model_numbers_and_idioms(string text) => Assert.Empty(ValueRecognizer.Find(TextNormalizer.Normalize(text)));

    [Fact]
    public void Finds_values_in_order_inside_a_sentence()
    {
        var text = TextNormalizer.Normalize("路透社2023年9月份就指出，中国正在筹划第三期芯片大基金，一共是400亿美元");
        var values = ValueRecognizer.Find(text).Select(static m => m.Value.Period ?? m.Value.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["2023-09", "40000000000"], values);
    }
}
