// Benchmarks print figures; they never assert. Usage: dotnet run -c Release --project bench/EditorialBot.Bench -- <benchmark> [options]
using EditorialBot.Bench;

switch (args.FirstOrDefault())
{
    case "scan":
        return ScanBenchmark.Run(args[1..]);
    case "claims-eval":
        return ClaimsEval.Run(args[1..]);
    case "claims-speed":
        return ClaimsSpeed.Run(args[1..]);
    case "claims-train":
        return ClaimsTrain.Run(args[1..]);
    case "sweep":
        return await SweepBenchmark.RunAsync(args[1..]);
    case "discord":
        return await DiscordBenchmark.RunAsync(args[1..]);
    case "desk":
        return await DeskBenchmark.RunAsync(args[1..]);
    case "startup":
        return await StartupBenchmark.RunAsync(args[1..]);
    case "fanout":
        return await FanoutBenchmark.RunAsync(args[1..]);
    case "failover":
        return await FailoverBenchmark.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: bench <benchmark> [options]");
        Console.Error.WriteLine("  scan [--count N] [--kb SIZE] [--dir DIR] [--runs R] [--bin PATH] [--keep]");
        Console.Error.WriteLine("               generate N synthetic episodes (default 10000, ~30 KB, 10% drafts) and time the whole");
        Console.Error.WriteLine("               'editorialbot scan' process (wall time, peak RSS), and 'hugo list drafts' when hugo is installed");
        Console.Error.WriteLine("  claims-eval  [--data DIR] [--misses]   P/R/F1 on ClaimBuster, CheckThat! 2024 and our Chinese tuning and held-out notes\n               (--misses lists the tuning notes' misses; held-out misses are never shown)");
        Console.Error.WriteLine("  claims-speed [--kb N]       extraction speed (MB/s, ms per note) on a generated note");
        Console.Error.WriteLine("  claims-train [--data DIR]   retrain the embedded English model on ClaimBuster crowdsourced.csv");
        Console.Error.WriteLine("  sweep [--count N] [--kb SIZE] [--dir DIR] [--runs R] [--keep]");
        Console.Error.WriteLine("               cold sweep of N synthetic episodes into a fresh database, then warm sweeps (nothing changed)");
        Console.Error.WriteLine("               against a bare stat walk of the same tree (goal: warm sweep at most 2x the walk)");
        Console.Error.WriteLine("  discord [--count 200] [--limit 5] [--window 5]   post messages into one rate-limited channel of the fake Discord");
        Console.Error.WriteLine("  startup [--runs R] [--settle S] [--bin PATH] [--bot-only]");
        Console.Error.WriteLine("               whole-process wall time of 'status' on a swept copy of samples/content vs 'scan' of it (goal <= 2x),");
        Console.Error.WriteLine("               'publish --force' of one file (goal <= 1 s), resident memory of 'run' against the fake Discord (goal <= 100 MB)");
        Console.Error.WriteLine("               beside that of bench/EditorialBot.Floor (host + EF Core + Quartz alone; dotnet publish -c Release bench/EditorialBot.Floor)");
        Console.Error.WriteLine("  failover [--kills 5] [--drafts 60] [--lease 15] [--renew 5]   real processes on PostgreSQL (EDITORIALBOT_BENCH_POSTGRES):");
        Console.Error.WriteLine("               median time from kill -9 of the live instance to the standby's Identify; outbox throughput, one vs two instances");
        Console.Error.WriteLine("  desk [--count 50]            sweep-to-cards time of N drafts through the whole bot against the fake Discord's default limits");
        Console.Error.WriteLine("  fanout [--count 5]           N drafts of a real note's size (~70 claims): first-to-last bot message vs the busiest channel's floor");
        return 2;
}
