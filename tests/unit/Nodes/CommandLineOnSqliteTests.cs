using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Tests.Cli;
using EnfixPortal.Tests.Infrastructure;
using System.Net.Sockets;
using System.Net;

namespace EnfixPortal.Tests.Nodes;

/// <summary>A server on a SQLite file hears what a command-line run against the same file changed, as PostgreSQL nodes
/// hear each other: a token the run expired is refused at once (not after the cache's lifetime, an hour here), and open
/// portal pages are told.</summary>
public sealed class CommandLineOnSqliteTests : IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private SqliteTestDatabase _database = null!;
    private Node _server = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteTestDatabase();
        _server = new Node(_database);
        await _server.WaitUntilReadyAsync();
    }

    [Fact]
    public async Task ATokenExpiredByTheCommandLineIsRefusedByTheRunningServerAndHeardByItsPagesWithinOneSecond()
    {
        var pair = await TwoNodes.NewPairAsync(_server);
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(_server, pair));
        using var heard = new HeardChanges(_server);

        var expired = await CliProcess.RunAsync(_database, null, "app-tokens", "expire", "--id", pair.App.Token.Accessor);

        Assert.True(expired.ExitCode == 0, expired.Error);
        Assert.Empty(expired.Error);
        Assert.True(await heard.WithinAsync(ChangeAreas.Tokens, OneSecond), $"the server's pages heard only {heard}");
        Assert.True(await TwoNodes.RefusedWithinAsync(_server, pair, OneSecond), "the server still accepts a token the command line expired");
    }

    [Fact]
    public async Task AUserDeactivatedByTheCommandLineIsRefusedByTheRunningServerWithinOneSecond()
    {
        var pair = await TwoNodes.NewPairAsync(_server);
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(_server, pair));

        var deactivated = await CliProcess.RunAsync(_database, null, "users", "deactivate", "--username", pair.UserName);

        Assert.True(deactivated.ExitCode == 0, deactivated.Error);
        Assert.True(await TwoNodes.RefusedWithinAsync(_server, pair, OneSecond), "the server still accepts the tokens of a user the command line deactivated");
    }

    [Fact]
    public async Task WithTheServerGoneARunStillSucceedsQuietlyThoughItsSocketWasLeftBehind()
    {
        var socketPath = _database.Path + SqliteNoticeSocket.Suffix;
        Assert.True(File.Exists(socketPath), "the running server listens beside its database file");
        await _server.DisposeAsync();
        using (var left = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
            left.Bind(new UnixDomainSocketEndPoint(socketPath)); // as a server killed without stopping leaves it

        var created = await CliProcess.RunAsync(_database, null, "users", "create", "--username", "late", "--password", "L4te-Passw0rd!");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Empty(created.Error);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }
}
