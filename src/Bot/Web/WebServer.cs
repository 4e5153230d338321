using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EditorialBot.Bot.Web;

/// <summary>
/// Kestrel inside the bot's process, serving <see cref="GitHookEndpoint"/> and <see cref="HealthEndpoints"/> on
/// <see cref="WebOptions.Urls"/>. Registered only by <c>run</c> with Web:Urls set, so other verbs never load ASP.NET
/// Core. The endpoints are the bot's own services; the small web application around them holds only Kestrel and routing.
/// </summary>
internal sealed class WebServer(IOptions<WebOptions> options, HealthEndpoints health, ILoggerFactory loggers, GitHookEndpoint? hook = null) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where it listens once started (with the real port when Web:Urls asked for port 0).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The hook refuses bodies over 1 MiB with 413 and keeps no more than that; Kestrel then reads and discards the
            // rest, up to this, so the forge reads the 413 instead of a reset connection. Anything longer is cut off.
            kestrel.Limits.MaxRequestBodySize = GitHookEndpoint.DrainedBodyBytes;
        });
        builder.WebHost.UseUrls([.. options.Value.ListenUrls]);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggers);
        var app = builder.Build();
        if (hook is not null)
        {
            app.MapPost(GitHookEndpoint.Path, hook.HandleAsync);
        }
        app.MapGet("/healthz", health.LiveAsync);
        app.MapGet("/readyz", health.ReadyAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
        Addresses = [.. app.Urls.Select(u => new Uri(u))];
        loggers.CreateLogger<WebServer>().LogInformation("Serving {Urls}{Hook}", string.Join(", ", app.Urls), hook is null ? "" : $" ({GitHookEndpoint.Path}, /healthz, /readyz)");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }
}
