using EditorialBot.Bot.Cli;

return await CommandLine.RunAsync(args);
