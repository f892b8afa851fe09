using EnfixPortal.Bench;

// Baselines and data for bench/run.sh. Each verb prints "name value" lines that run.sh reads.
return args.FirstOrDefault() switch
{
    "seed" => await Seeder.RunAsync(Options.Parse(args[1..])),
    "grid" => await GridTimer.RunAsync(Options.Parse(args[1..])),
    "text-search" => await TextSearchTimer.RunAsync(Options.Parse(args[1..])),
    "hash-rate" => HashRate.Run(Options.Parse(args[1..])),
    "insert-rate" => InsertRate.Run(Options.Parse(args[1..])),
    "micro" => ValidationBenchmark.Run(args[1..]),
    "portal" => await PortalTimer.RunAsync(Options.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: EnfixPortal.Bench seed --db PATH [--users N] [--app-tokens N] [--user-tokens N]
               EnfixPortal.Bench grid --db PATH
               EnfixPortal.Bench text-search (--db PATH | --postgres CONNECTION-STRING) [--tokens N]
               EnfixPortal.Bench hash-rate [--seconds N]
               EnfixPortal.Bench insert-rate --db PATH [--seconds N]
               EnfixPortal.Bench micro [BenchmarkDotNet arguments, e.g. --filter '*']
               EnfixPortal.Bench portal --base URL --password ADMIN-PASSWORD [--rounds N] [--chromium PATH]
        """);
    return 2;
}
