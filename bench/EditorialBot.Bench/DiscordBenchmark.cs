using System.Diagnostics;
using System.Globalization;
using EditorialBot.Bot.Discord;
using EditorialBot.Bot.Discord.Models;
using EditorialBot.Bot.Discord.Rest;
using EditorialBot.FakeDiscord;
using Microsoft.Extensions.Logging.Abstractions;

namespace EditorialBot.Bench;

/// <summary>
/// Posts N messages at once into one channel of the fake Discord whose bucket allows L per W seconds, and compares
/// the elapsed time with the floor the bucket imposes ((ceil(N/L) - 1) windows) and counts the 429s received.
/// </summary>
internal static class DiscordBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--count", 200);
        var limit = Option(args, "--limit", 5);
        var window = TimeSpan.FromSeconds(Option(args, "--window", 5));

        await using var fake = await FakeDiscordServer.StartAsync();
        fake.SetRateLimit("POST /channels/{channel_id}/messages", new RateLimitRule("bench-posts", limit, window));
        var options = new DiscordOptions { Token = fake.Token, ApiBaseUrl = fake.ApiBaseUrl };
        using var rest = DiscordRestClient.Create(options, NullLogger<DiscordRestClient>.Instance, TimeProvider.System);
        var channel = new Snowflake(fake.State.ReviewChannelId);

        // Warm-up on another channel (its own bucket): JIT and the HTTP connection are not what is measured.
        var warmup = new Snowflake(fake.State.AddChannel("warm-up").Id);
        await rest.CreateMessageAsync(warmup, new MessageCreate("warm-up"));

        var clock = Stopwatch.StartNew();
        var posts = Enumerable.Range(1, count).Select(i => rest.CreateMessageAsync(channel, new MessageCreate($"Benchmark message {i}"))).ToArray();
        await Task.WhenAll(posts);
        var elapsed = clock.Elapsed;

        var windows = (count + limit - 1) / limit;
        var floor = window * (windows - 1);
        var received429 = fake.Requests.All.Count(r => r.Status == 429);
        var sent = fake.Requests.All.Count(r => r.Path.StartsWith($"/channels/{channel}/", StringComparison.Ordinal));
        var posted = fake.State.MessagesIn(channel.Value).Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"discord: {posted}/{count} messages posted, bucket {limit} per {window.TotalSeconds:0.###} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"elapsed {elapsed.TotalSeconds:0.000} s, floor {floor.TotalSeconds:0.000} s, ratio {(floor > TimeSpan.Zero ? elapsed / floor : double.NaN):0.0000} (goal <= 1.05)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"429 responses received: {received429} (goal 0); requests sent to the channel {sent}"));
        return posted == count ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
