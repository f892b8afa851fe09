using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace EnfixPortal.Bench;

/// <summary>Times the first page of a grid's text search, with its total counted up to the grid's limit, on a database of
/// a million app tokens (SQLite file or PostgreSQL): half owned by "admin", the rest spread over 1,000 users; three in
/// four named "bench token N", one in a thousand "ci-deploy-N". Seeds in SQL on first use.</summary>
public static class TextSearchTimer
{
    public static async Task<int> RunAsync(Options options)
    {
        var postgres = options.Has("postgres");
        var count = options.Number("tokens", 1_000_000);
        await using var provider = postgres
            ? BenchServices.Build(options.Text("postgres"), postgres: true, "Bench-Adm1n-Passw0rd!")
            : BenchServices.Build($"Data Source={options.Text("db")}", postgres: false, "Bench-Adm1n-Passw0rd!");
        await provider.PrepareDatabaseAsync();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync())
        {
            if (await db.Tokens.CountAsync() < count)
            {
                var clock = Stopwatch.StartNew();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                var adminId = await db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => u.Id).SingleAsync();
                foreach (var sql in postgres ? TextSearchSeed.Postgres : TextSearchSeed.Sqlite)
                    await db.Database.ExecuteSqlRawAsync(sql, count, adminId, DateTime.UtcNow.Ticks);
                Console.WriteLine($"seed_seconds {clock.Elapsed.TotalSeconds:F1}");
            }
        }
        var queries = provider.GetRequiredService<TokenQueries>();
        var admin = new Actor(null, "bench", true, Door.Portal);
        foreach (var text in new[] { "deploy", "token 12345", "admin", "bench000043", "bench00004", "bench token", "no-such-name", "ci" })
        {
            var runs = new List<double>();
            var total = 0;
            for (var i = 0; i < 6; i++)
            {
                var clock = Stopwatch.StartNew();
                var page = await queries.ListAsync(admin, new TokenQuery(TokenFamily.App, Text: text, PerPage: 25, CountLimit: TokenQueries.GridCountLimit));
                if (!page.Succeeded) throw new InvalidOperationException(page.Error!.Describe());
                if (i > 0) runs.Add(clock.Elapsed.TotalMilliseconds);
                total = page.Value!.Total;
            }
            runs.Sort();
            Console.WriteLine($"search_ms \"{text}\" {runs[runs.Count / 2]:F1} (matches: {total}{(total >= TokenQueries.GridCountLimit ? "+" : "")})");
        }
        return 0;
    }
}
