namespace EditorialBot.Workflow.Content;

/// <summary>Recognises a UTF-16 note that starts with a front matter fence, which no site generator reads.</summary>
internal static class Utf16
{
    /// <summary>"UTF-16 LE" or "UTF-16 BE" when the bytes are UTF-16 text starting with <c>---</c> (with or without a byte order mark), else null.</summary>
    public static string? Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return StartsWithFence(bytes[2..], littleEndian: true) ? "UTF-16 LE" : null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return StartsWithFence(bytes[2..], littleEndian: false) ? "UTF-16 BE" : null;
        }
        return StartsWithFence(bytes, littleEndian: true) ? "UTF-16 LE"
            : StartsWithFence(bytes, littleEndian: false) ? "UTF-16 BE"
            : null;
    }

    private static bool StartsWithFence(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        bytes.StartsWith(littleEndian ? (ReadOnlySpan<byte>)[(byte)'-', 0, (byte)'-', 0, (byte)'-', 0] : [0, (byte)'-', 0, (byte)'-', 0, (byte)'-']);
}
