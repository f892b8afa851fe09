using System.Net;
using EnfixPortal.Api.Infrastructure;
using Microsoft.Data.Sqlite;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>The hot path on the socket threads (decision 008): a warm <c>/me</c> may finish on the event thread that read
/// it, and anything that may wait leaves that thread first, so one slow request never holds up other connections.</summary>
public sealed class SocketThreadTests : RealServerTests
{
    [Fact]
    public async Task AWriteWaitingForTheDatabaseHoldsUpNoOtherClientsTokenCheck()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        var admin = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);
        var (_, created) = await SendAsync(server.Http, HttpMethod.Post, "/api/v1/app_tokens/", AppToken, admin, "{}");
        var doomed = created!["app_token"]!.GetValue<string>();

        // Connections that have answered once: their next request waits in epoll and is read on their socket's event
        // thread (a new connection's first request is often read on the thread pool). Each new connection goes to the
        // next event thread in turn, so these cover every one of them, the DELETE's included.
        using var deleting = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.OK, await MeAsync(deleting, AppToken, admin));
        var clients = Enumerable.Range(0, 2 * Environment.ProcessorCount + 2)
            .Select(_ => new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) }).ToList();
        foreach (var client in clients) Assert.Equal(HttpStatusCode.OK, await MeAsync(client, AppToken, admin));

        // Another program holds SQLite's write lock: the DELETE (no body, straight to its write) waits in SQLite's busy
        // handler, which sleeps on whatever thread runs it, for up to the 10 s busy timeout.
        await using var holder = new SqliteConnection($"Data Source={Database.Path}");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        var delete = SendAsync(deleting, HttpMethod.Delete, $"/api/v1/app_tokens/{doomed}/", AppToken, admin);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for the DELETE to reach the locked database

        // Had the DELETE stayed on its event thread, the /me of every connection on that thread would wait for it.
        foreach (var client in clients) Assert.Equal(HttpStatusCode.OK, await MeAsync(client, AppToken, admin));
        Assert.False(delete.IsCompleted, "the DELETE should still be waiting for the write lock");
        clients.ForEach(client => client.Dispose());

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.Equal(HttpStatusCode.NoContent, (await delete).Status);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(server.Http, AppToken, admin));
    }

    [Fact]
    public async Task TheSettingMustBeTrueOrFalse()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(Database.Path,
            new Dictionary<string, string> { ["Enfix__Server__HotPathOnSocketThreads"] = "sometimes" }));
        Assert.Contains("error: invalid setting: Enfix:Server:HotPathOnSocketThreads must be true or false, not 'sometimes'.", refused.Message);
    }

    [Fact]
    public async Task LeavingASocketThreadContinuesOnTheThreadPoolAndElsewhereChangesNothing()
    {
        var left = new TaskCompletionSource<(bool WasOnSocketThread, bool ThenOnPool)>();
        var dedicated = new Thread(() =>
        {
            async Task LeaveAsync()
            {
                var wasOnSocketThread = SocketThreads.OnSocketThread;
                await SocketThreads.LeaveAsync();
                left.SetResult((wasOnSocketThread, Thread.CurrentThread.IsThreadPoolThread));
            }
            _ = LeaveAsync();
        });
        dedicated.Start();
        var (wasOnSocketThread, thenOnPool) = await left.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(wasOnSocketThread);
        Assert.True(thenOnPool);

        await Task.Run(() => Assert.True(!SocketThreads.OnSocketThread && SocketThreads.LeaveAsync().IsCompleted));
    }
}
