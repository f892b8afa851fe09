using System.Collections.Concurrent;
using System.Net;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>The real server process, killed or stopped the way an operator's machine would do it.</summary>
public sealed class DurabilityTests : RealServerTests
{
    [Fact]
    public async Task EveryTokenWhoseCreationWasAcknowledgedSurvivesASigkillInTheMiddleOfCreations()
    {
        await using var first = await ServerProcess.StartAsync(Database.Path);
        var login = await LogInAsync(first.Http, AppToken, "admin", ServerProcess.AdminPassword);
        var acknowledged = new ConcurrentBag<(bool App, string Secret)>();
        var cutOff = 0;

        var writers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var app = i % 2 == 0;
            while (true)
            {
                try
                {
                    var (status, json) = await SendAsync(first.Http, HttpMethod.Post, app ? "/api/v1/app_tokens/" : "/api/v1/tokens/",
                        AppToken, login, """{"seconds_until_expire": 86400}""");
                    Assert.Equal(HttpStatusCode.Created, status);
                    acknowledged.Add((app, json![app ? "app_token" : "token"]!.GetValue<string>()));
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref cutOff);
                    return;
                }
            }
        })).ToArray();
        while (acknowledged.Count < 60) await Task.Delay(5);
        await first.KillAsync();
        await Task.WhenAll(writers);

        Assert.True(cutOff > 0, "no request was cut off by the kill");
        await using var second = await ServerProcess.StartAsync(Database.Path);
        foreach (var (app, secret) in acknowledged)
            Assert.Equal(HttpStatusCode.OK, app ? await MeAsync(second.Http, secret, login) : await MeAsync(second.Http, AppToken, secret));
    }

    [Fact]
    public async Task SigtermStopsGracefullyAndRecordsTheLastUseOfTokensUsedJustBefore()
    {
        var slowFlush = new Dictionary<string, string> { ["Enfix__Tokens__LastUsedFlushInterval"] = "01:00:00" };
        await using var first = await ServerProcess.StartAsync(Database.Path, slowFlush);
        var login = await LogInAsync(first.Http, AppToken, "admin", ServerProcess.AdminPassword);
        var (_, created) = await SendAsync(first.Http, HttpMethod.Post, "/api/v1/tokens/", AppToken, login, "{}");
        var obo = created!["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first.Http, AppToken, obo));
        var (_, beforeStop) = await SendAsync(first.Http, HttpMethod.Get, $"/api/v1/tokens/{obo}/", AppToken, login);
        Assert.Null(beforeStop!["last_used_at"]);

        Assert.Equal(0, await first.TerminateAsync());

        await using var second = await ServerProcess.StartAsync(Database.Path, slowFlush);
        var (_, afterRestart) = await SendAsync(second.Http, HttpMethod.Get, $"/api/v1/tokens/{obo}/", AppToken, login);
        Assert.NotNull(afterRestart!["last_used_at"]);
    }
}
