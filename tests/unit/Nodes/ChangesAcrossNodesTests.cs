using System.Net;
using EnfixPortal.Api.Changes;
using EnfixPortal.Tests.Cli;

namespace EnfixPortal.Tests.Nodes;

/// <summary>Open portal pages on one node hear a change committed on another node, or by a command-line run against the
/// same PostgreSQL database, within a second: what node B's change feed hears is what B's open pages reload on.</summary>
public sealed class ChangesAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ATokenCreatedThroughNodeAsApiIsHeardOnNodeBWithinOneSecond()
    {
        using var heard = new HeardChanges(nodes.B);

        using var created = await TwoNodes.SendAsync(nodes.A, HttpMethod.Post, "/api/v1/app_tokens/", nodes.Admin, """{"name": "from-node-a"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(await heard.WithinAsync(ChangeAreas.Tokens, OneSecond), $"node B heard only {heard}");
    }

    [Fact]
    public async Task ATokenExpiredByTheCommandLineIsRefusedAndHeardOnBothNodesWithinOneSecond()
    {
        var pair = await nodes.NewPairAsync();
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.A, pair));
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));
        using var heardOnA = new HeardChanges(nodes.A);
        using var heardOnB = new HeardChanges(nodes.B);

        var expired = await CliProcess.RunAsync(nodes.Database, null, "app-tokens", "expire", "--id", pair.App.Token.Accessor);

        Assert.True(expired.ExitCode == 0, expired.Error);
        Assert.Empty(expired.Error);
        Assert.True(await heardOnA.WithinAsync(ChangeAreas.Tokens, OneSecond), $"node A heard only {heardOnA}");
        Assert.True(await heardOnB.WithinAsync(ChangeAreas.Tokens, OneSecond), $"node B heard only {heardOnB}");
        Assert.True(await TwoNodes.RefusedWithinAsync(nodes.A, pair, OneSecond), "node A still accepts a token the command line expired");
        Assert.True(await TwoNodes.RefusedWithinAsync(nodes.B, pair, OneSecond), "node B still accepts a token the command line expired");
    }
}
