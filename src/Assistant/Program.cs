using BankingLlm.Assistant.Cli;

// `dotnet run --project src/Assistant` serves; `-- db migrate`, `-- keys rotate` ... run a verb. See `-- --help`.
return await CliApp.RunAsync(args);
