using EditorialBot.Storage.Configuration;
using EditorialBot.Workflow.Git;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Web;

internal static class WebServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="WebOptions"/> (validated with the rest; the hook needs <c>Git:WebhookSecret</c>), and with Web:Urls set:
    /// Kestrel serving the push webhook (unless Web:GitHook=false), <c>/healthz</c> and <c>/readyz</c>, and the coalesced
    /// push sweeps. Without Web:Urls nothing else: no web server, no port.
    /// </summary>
    public static IServiceCollection AddEditorialWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebOptions>(configuration)
            .Validate<IOptions<GitOptions>>((web, git) => !web.NeedsHookSecret || !string.IsNullOrWhiteSpace(git.Value.WebhookSecret), WebOptions.MissingHookSecret);
        var web = ValidatedOptions.Read<WebOptions>(configuration, out _);
        if (!web.Enabled)
        {
            return services;
        }
        services.AddSingleton<HealthEndpoints>();
        if (web.GitHook)
        {
            services.AddSingleton<RecentDeliveries>();
            services.AddSingleton<PushSweeps>();
            services.AddHostedService(sp => sp.GetRequiredService<PushSweeps>());
            services.AddSingleton<GitHookEndpoint>();
        }
        services.AddSingleton<WebServer>();
        services.AddHostedService(sp => sp.GetRequiredService<WebServer>());
        return services;
    }
}
