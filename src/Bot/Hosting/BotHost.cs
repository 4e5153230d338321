using EditorialBot.Bot.Jobs;
using EditorialBot.Storage;
using EditorialBot.Workflow;
using EditorialBot.Workflow.Channel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Hosting;

/// <summary>
/// The one place the bot's host is composed: storage, workflow, jobs. The <c>run</c> verb adds the desk through
/// <paramref name="configure"/> (<c>services.AddEditorialDesk(configuration)</c>); tests build the same host with
/// their own configuration. Every options section is validated when the host starts.
/// </summary>
internal static class BotHost
{
    public static IHost Build(IConfiguration configuration, Action<IServiceCollection>? configure = null, bool withJobs = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
            // stdout belongs to the verbs' output (JSON); every log line goes to stderr.
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        builder.Services.AddEditorialStorage(configuration);
        builder.Services.AddEditorialWorkflow(configuration);
        if (withJobs)
        {
            builder.Services.AddEditorialJobs(configuration);
        }
        configure?.Invoke(builder.Services);
        if (withJobs && builder.Services.Any(static d => d.ServiceType == typeof(IReviewChannel)))
        {
            // Without a review channel the outbox keeps its work until a host with one runs.
            builder.Services.AddOutboxDelivery();
        }
        return builder.Build();
    }
}
