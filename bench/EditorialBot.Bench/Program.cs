// Benchmarks print figures; they never assert. Usage: dotnet run -c Release --project bench/EditorialBot.Bench -- <benchmark> [options]
using EditorialBot.Bench;

return args.FirstOrDefault() switch
{
    "discord" => await DiscordBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench <benchmark> [options]");
    Console.Error.WriteLine("  discord [--count 200] [--limit 5] [--window 5]   post messages into one rate-limited channel on the fake Discord");
    return 2;
}
