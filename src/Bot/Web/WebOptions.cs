using EditorialBot.Storage.Configuration;

namespace EditorialBot.Bot.Web;

/// <summary>
/// Configuration section <c>Web</c>: where <c>run</c> serves HTTP (the forge's push webhook, <c>/healthz</c>,
/// <c>/readyz</c>). Off unless <see cref="Urls"/> is set: then no Kestrel starts and no port is opened.
/// </summary>
internal sealed class WebOptions : IValidatedOptions
{
    public static string Section => "Web";

    /// <summary>Where to listen, separated by <c>;</c>, e.g. <c>http://127.0.0.1:8080</c>; empty: no web server.</summary>
    public string Urls { get; set; } = "";

    /// <summary>Whether <c>POST /hooks/git</c> is served (it needs <c>Git:WebhookSecret</c>).</summary>
    public bool GitHook { get; set; } = true;

    public bool Enabled => ListenUrls.Count > 0;

    public IReadOnlyList<string> ListenUrls =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<string> Problems()
    {
        foreach (var url in ListenUrls)
        {
            if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                // Kestrel would need a certificate of its own; a reverse proxy in front already has one.
                yield return $"Web:Urls '{url}' is https: listen on http (e.g. http://127.0.0.1:8080) and let the reverse proxy in front (nginx, Caddy) terminate TLS.";
            }
            else if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.Length <= "http://".Length)
            {
                yield return $"Web:Urls '{url}' is not an http URL: set it to e.g. http://127.0.0.1:8080 (several separated by ';'), or leave it empty for no web server.";
            }
        }
    }

    /// <summary>The hook is served, so it needs <c>Git:WebhookSecret</c>: without one anyone could make the bot pull and sweep.</summary>
    public bool NeedsHookSecret => Enabled && GitHook;

    public const string MissingHookSecret =
        "Git:WebhookSecret is not set but Web:Urls serves the push webhook: export Git__WebhookSecret=<a long random string, e.g. from 'openssl rand -hex 32'> and give the forge the same secret, or set Web:GitHook=false.";
}
