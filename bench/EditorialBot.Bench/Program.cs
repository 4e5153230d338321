// Benchmarks print figures; they never assert. Usage: dotnet run -c Release --project bench/EditorialBot.Bench -- <benchmark> [options]
using EditorialBot.Bench;

return args.Length > 0 && args[0] == "scan"
    ? ScanBenchmark.Run(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: bench <benchmark> [options]");
    Console.Error.WriteLine("  scan [--count N] [--kb SIZE] [--dir DIR] [--runs R] [--bin PATH] [--keep]");
    Console.Error.WriteLine("       generate N synthetic episodes (default 10000, ~30 KB, 10% drafts) and time the whole");
    Console.Error.WriteLine("       'editorialbot scan' process (wall time, peak RSS), and 'hugo list drafts' when hugo is installed.");
    return 2;
}
