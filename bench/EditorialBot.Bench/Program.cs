// Benchmarks print figures; they never assert. Usage: dotnet run -c Release --project bench/EditorialBot.Bench -- <benchmark> [options]
using EditorialBot.Bench;

switch (args.FirstOrDefault())
{
    case "discord":
        return await DiscordBenchmark.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: bench <benchmark> [options]");
        Console.Error.WriteLine("  discord [--count 200] [--limit 5] [--window 5]   post messages into one rate-limited channel of the fake Discord");
        return 2;
}
