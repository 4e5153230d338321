using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EditorialBot.Bot.Discord;

/// <summary>A Discord id: 64-bit unsigned, a JSON string on the wire, but read from a number too (Discord may echo small ids as numbers).</summary>
[JsonConverter(typeof(SnowflakeJsonConverter))]
internal readonly record struct Snowflake(ulong Value) : IComparable<Snowflake>
{
    private const long DiscordEpochMs = 1420070400000;

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds((long)(Value >> 22) + DiscordEpochMs);

    public static Snowflake Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a Discord snowflake.");

    public static bool TryParse(string? text, out Snowflake id)
    {
        var ok = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        id = new Snowflake(value);
        return ok;
    }

    public int CompareTo(Snowflake other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    public static implicit operator Snowflake(ulong value) => new(value);
}

internal sealed class SnowflakeJsonConverter : JsonConverter<Snowflake>
{
    public override Snowflake Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number))
        {
            return new Snowflake(number);
        }
        if (reader.TokenType == JsonTokenType.String && Snowflake.TryParse(reader.GetString(), out var id))
        {
            return id;
        }
        throw new JsonException($"Expected a snowflake (string or unsigned number), got {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, Snowflake value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
