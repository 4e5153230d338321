using System.Security.Cryptography;
using System.Text;

namespace EditorialBot.Workflow.Claims;

/// <summary>NFKC (３９万 → 39万, ％ → %), one kind of quote and dash, collapsed whitespace; and the claim id derived from it.</summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        // Invariant globalization has no Unicode normalisation tables, so the NFKC mappings that matter here
        // (full-width ASCII, the ideographic space, the half-width full stop) are applied by hand.
        var nfkc = text;
        var builder = new StringBuilder(nfkc.Length);
        var pendingSpace = false;
        foreach (var c in nfkc)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\uFF61' => '。',
                '“' or '”' or '„' or '«' or '»' => '"',
                '‘' or '’' => '\'',
                '‐' or '‑' or '‒' or '―' or '－' => '-',
                _ => c,
            });
        }
        return builder.ToString();
    }

    /// <summary>First 16 hex digits of SHA-256 of the normalised text: stable across edits elsewhere in the note.</summary>
    public static string Fingerprint(string normalized)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The sentence for display: line breaks and runs of spaces collapsed, nothing else changed.</summary>
    public static string Display(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
