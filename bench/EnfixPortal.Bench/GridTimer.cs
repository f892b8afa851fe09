using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Diagnostics;

namespace EnfixPortal.Bench;

/// <summary>Times the first page of each grid query with its total (counted up to the grid's limit, as the portal
/// does) through the real service layer.</summary>
public static class GridTimer
{
    public static async Task<int> RunAsync(Options options)
    {
        await using var provider = BenchServices.Build(options.Text("db"));
        var queries = provider.GetRequiredService<TokenQueries>();
        var someUser = (await provider.GetRequiredService<UserQueries>().FindByNameAsync("bench000001"))?.Id ?? "52c5fc24a64c9efc0f253535";
        var admin = new Actor(null, "bench", true, Door.Portal);

        var grid = new (string Name, TokenQuery Query)[]
        {
            ("app", new(TokenFamily.App)),
            ("user", new(TokenFamily.User)),
            ("user_obo", new(TokenFamily.User, Kind: TokenKind.Obo)),
            ("app_owner", new(TokenFamily.App, UserId: someUser)),
            ("user_owner", new(TokenFamily.User, UserId: someUser)),
            ("app_active", new(TokenFamily.App, Status: TokenStatus.Active)),
            ("user_expired", new(TokenFamily.User, Status: TokenStatus.Expired)),
            ("app_by_expiry", new(TokenFamily.App, Sort: TokenSort.ExpiresAt, Descending: false)),
            ("user_text", new(TokenFamily.User, Text: "token 12345")),
        };
        foreach (var (name, query) in grid)
        {
            var runs = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                var clock = Stopwatch.StartNew();
                var page = await queries.ListAsync(admin, query with { CountLimit = TokenQueries.GridCountLimit });
                if (!page.Succeeded) throw new InvalidOperationException(page.Error!.Describe());
                if (i > 0) runs.Add(clock.Elapsed.TotalMilliseconds);
            }
            runs.Sort();
            Console.WriteLine($"grid_ms_{name} {runs[runs.Count / 2]:F1}");
        }
        return 0;
    }
}
