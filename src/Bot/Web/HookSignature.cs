using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EditorialBot.Bot.Web;

/// <summary>
/// The forge's HMAC-SHA256 of the raw request body keyed with <c>Git:WebhookSecret</c>. GitHub sends it as
/// <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>; Gitea, Forgejo and Gogs send the same digest as bare hex in
/// <c>X-Gitea-Signature</c> / <c>X-Forgejo-Signature</c> / <c>X-Gogs-Signature</c> (older releases send only those).
/// </summary>
internal static class HookSignature
{
    public const string GitHubHeader = "X-Hub-Signature-256";
    private static readonly string[] s_bareHexHeaders = ["X-Gitea-Signature", "X-Forgejo-Signature", "X-Gogs-Signature"];

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, IHeaderDictionary headers)
    {
        if (string.IsNullOrEmpty(secret))
        {
            // An empty key is no secret at all.
            return false;
        }
        string? hex = null;
        if (headers[GitHubHeader].ToString() is { Length: > 0 } github)
        {
            hex = github.StartsWith("sha256=", StringComparison.Ordinal) ? github["sha256=".Length..] : null;
        }
        else
        {
            hex = s_bareHexHeaders.Select(h => headers[h].ToString()).FirstOrDefault(v => v.Length > 0);
        }
        return hex is not null && Matches(secret, body, hex);
    }

    public static bool Matches(string secret, ReadOnlySpan<byte> body, string hex)
    {
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, actual);
        // Constant time: how much of a guess matched must not show in the response time.
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }

    /// <summary>What a forge sends for <paramref name="body"/>: <c>sha256=</c> and the lower-case hex digest.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
