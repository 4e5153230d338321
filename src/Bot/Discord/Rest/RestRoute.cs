using System.Globalization;

namespace EditorialBot.Bot.Discord.Rest;

/// <summary>
/// One REST call's route. The path template (a FormattableString's format) plus the major parameter
/// (channel, guild, or webhook id + token) is the rate-limit key before Discord names the bucket.
/// </summary>
internal sealed record RestRoute(HttpMethod Method, string Template, string Path, string MajorParameter, bool BypassGlobal)
{
    public string Key => $"{Method.Method} {Template} {MajorParameter}";

    /// <summary>
    /// Sent with an interaction token in the path (callbacks, @original, follow-ups). A 401 here means the interaction
    /// token expired (50027), not that the bot token is bad.
    /// </summary>
    public bool UsesInteractionToken =>
        Template.StartsWith("/webhooks/", StringComparison.Ordinal) || Template.StartsWith("/interactions/", StringComparison.Ordinal);

    public override string ToString() => $"{Method.Method} {Template}";

    public static RestRoute Create(HttpMethod method, FormattableString path, bool bypassGlobal = false)
    {
        var args = path.GetArguments();
        var encoded = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            encoded[i] = Encode(args[i]);
        }
        var template = path.Format;
        var major = "";
        if (args.Length > 0 && (template.StartsWith("/channels/{0}", StringComparison.Ordinal) || template.StartsWith("/guilds/{0}", StringComparison.Ordinal)))
        {
            major = encoded[0]!.ToString()!;
        }
        else if (args.Length > 1 && (template.StartsWith("/webhooks/{0}/{1}", StringComparison.Ordinal) || template.StartsWith("/interactions/{0}/{1}", StringComparison.Ordinal)))
        {
            major = $"{encoded[0]}/{encoded[1]}";
        }
        return new RestRoute(method, template, string.Format(CultureInfo.InvariantCulture, template, encoded), major, bypassGlobal);
    }

    // Unicode emoji must be percent-encoded (else 10014); custom emoji keep their name:id colon.
    private static string Encode(object? arg) => arg switch
    {
        string s => Uri.EscapeDataString(s).Replace("%3A", ":", StringComparison.Ordinal),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => arg?.ToString() ?? "",
    };
}
