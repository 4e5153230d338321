using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EditorialBot.Bot.Discord;

/// <summary>A permission bitset. Discord sends decimal strings because the bits pass 2^53; a BigInteger keeps bits Discord adds later.</summary>
[JsonConverter(typeof(PermissionSetJsonConverter))]
internal readonly record struct PermissionSet(BigInteger Value)
{
    public const int Administrator = 3;
    public const int ManageMessages = 13;
    public const int ManageGuild = 5;

    public bool Has(int bit) => !(Value & (BigInteger.One << bit)).IsZero;

    public static PermissionSet Parse(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new PermissionSet(value)
            : throw new FormatException($"'{text}' is not a Discord permission bitset.");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

internal sealed class PermissionSetJsonConverter : JsonConverter<PermissionSet>
{
    public override PermissionSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => PermissionSet.Parse(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetUInt64(out var n) => new PermissionSet(n),
            _ => throw new JsonException($"Expected a permission bitset string, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, PermissionSet value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
