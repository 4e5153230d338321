using EditorialBot.Bot.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EditorialBot.Bot.Hosting;

/// <summary>
/// The one place the bot's host is composed: storage, workflow, jobs. The <c>run</c> verb adds the
/// Discord parts through <paramref name="configure"/> (e.g. <c>services.AddSingleton&lt;IReviewChannel, …&gt;()</c>);
/// tests build the same host with their own configuration.
/// </summary>
internal static class BotHost
{
    public static IHost Build(IConfiguration configuration, Action<IServiceCollection>? configure = null, bool withJobs = true)
    {
        Settings.Validate(configuration);
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
        builder.Services.AddStorage(configuration);
        builder.Services.AddWorkflow(configuration);
        if (withJobs)
        {
            builder.Services.AddJobs(configuration);
        }
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
