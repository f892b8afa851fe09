using System.Net;

namespace EnfixPortal.Tests.Nodes;

/// <summary>The forward-auth check on several nodes: what one node revokes, the other's check refuses within a second.</summary>
public sealed class AuthCheckAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task ATokenRevokedOnNodeAIsRefusedByNodeBsCheckWithinOneSecond()
    {
        var pair = await nodes.NewPairAsync();
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(nodes.B, pair));
        Assert.Equal(HttpStatusCode.OK, await CheckAsync(nodes.B, pair));

        using var revoked = await TwoNodes.SendAsync(nodes.A, HttpMethod.Delete, $"/api/v1/tokens/{pair.User.Token.Accessor}", nodes.Admin);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(1);
        var status = await CheckAsync(nodes.B, pair);
        while (status != HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            status = await CheckAsync(nodes.B, pair);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await CheckAsync(nodes.A, pair));
    }

    private static async Task<HttpStatusCode> CheckAsync(Node node, Pair pair)
    {
        using var answer = await TwoNodes.SendAsync(node, HttpMethod.Get, "/api/v1/auth/check", pair);
        return answer.StatusCode;
    }
}
