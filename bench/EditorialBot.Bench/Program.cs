// Benchmarks print figures; they never assert. Usage: dotnet run -c Release --project bench/EditorialBot.Bench -- <benchmark> [options]
Console.Error.WriteLine("usage: bench <benchmark> [options]");
return 2;
