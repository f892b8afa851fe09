using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using System.Net;
using System.Security.Cryptography;

namespace EnfixPortal.Tests.Nodes;

/// <summary>Several nodes on one PostgreSQL database: what one node revokes, the other refuses within a second,
/// and what one node protects (a portal cookie), the other reads.</summary>
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    // The purposes ASP.NET Core's cookie authentication protects its tickets with.
    private static readonly string[] CookiePurposes = ["Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Identity.Application", "v2"];

    [Theory]
    [InlineData("expire the user token")]
    [InlineData("delete the app token")]
    [InlineData("deactivate the user")]
    [InlineData("reset the password")]
    public async Task ARevocationOnNodeAIsRefusedByNodeBWithinOneSecond(string revocation)
    {
        var pair = await nodes.NewPairAsync();
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));

        using var revoked = revocation switch
        {
            "expire the user token" => await TwoNodes.SendAsync(nodes.A, HttpMethod.Patch, $"/api/v1/tokens/{pair.User.Token.Accessor}", nodes.Admin,
                """{"seconds_until_expire": -1}"""),
            "delete the app token" => await TwoNodes.SendAsync(nodes.A, HttpMethod.Delete, $"/api/v1/app_tokens/{pair.App.Token.Accessor}", nodes.Admin),
            "reset the password" => await TwoNodes.SendAsync(nodes.A, HttpMethod.Patch, $"/api/v1/users/{pair.UserId}", nodes.Admin,
                """{"password": "N3w-Passw0rd!"}"""),
            _ => await TwoNodes.SendAsync(nodes.A, HttpMethod.Patch, $"/api/v1/users/{pair.UserId}", nodes.Admin, """{"active": false}"""),
        };

        Assert.True(revoked.IsSuccessStatusCode, $"{revocation} on node A answered {revoked.StatusCode}");
        Assert.True(await TwoNodes.RefusedWithinAsync(nodes.B, pair, OneSecond), $"node B still accepts the pair a second after node A was told to {revocation}");
    }

    [Fact]
    public async Task ARotationOnNodeAKeepsTheOldSecretOnNodeBForTheGracePeriodOnly()
    {
        var pair = await nodes.NewPairAsync();
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));

        var sent = DateTime.UtcNow;
        using var rotated = await TwoNodes.SendAsync(nodes.A, HttpMethod.Post, $"/api/v1/tokens/{pair.User.Token.Accessor}/rotate", nodes.Admin,
            """{"grace_seconds": 3}""");

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var secret = System.Text.Json.JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        var renewed = pair with { User = pair.User with { Secret = secret } };
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, renewed));
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));
        // Node B caches validations for an hour here; only the grace period's own end can refuse the old secret now.
        Assert.True(await TwoNodes.RefusedWithinAsync(nodes.B, pair, TimeSpan.FromSeconds(5)), "node B still accepts the old secret after the grace period");
        Assert.True(DateTime.UtcNow >= sent.AddSeconds(3), "node B refused the old secret before its grace period ended");
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, renewed));
    }

    [Fact]
    public async Task JunkOnTheChannelIsIgnoredWithoutEmptyingTheCache()
    {
        var (stale, other) = (await nodes.NewPairAsync(), await nodes.NewPairAsync());
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, stale));
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, other));
        await ExpireBehindTheServiceLayerAsync(stale);
        await using (var connection = new NpgsqlConnection(nodes.Database.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var junk in new[] { "", "no-slash", "x/t:zz", "x/t:" + new string('0', 63), "x/q:1", "/u:1", "x/u:", "x/c:", "x/c:0", "x/c:-1", "x/c:99" })
            {
                await using var notify = new NpgsqlCommand($"SELECT pg_notify('{PostgresRevocationRelay.Channel}', @junk)", connection);
                notify.Parameters.AddWithValue("junk", junk);
                await notify.ExecuteNonQueryAsync();
            }
        }

        using var expired = await TwoNodes.SendAsync(nodes.A, HttpMethod.Patch, $"/api/v1/app_tokens/{other.App.Token.Accessor}", nodes.Admin,
            """{"seconds_until_expire": -1}""");

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.True(await TwoNodes.RefusedWithinAsync(nodes.B, other, OneSecond), "a revocation sent after junk did not arrive");
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, stale));
    }

    [Fact]
    public async Task ANodeThatLostItsListeningConnectionForgetsEveryCachedTokenWhenItReconnects()
    {
        var pair = await nodes.NewPairAsync();
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));
        await ExpireBehindTheServiceLayerAsync(pair);
        Assert.Equal(HttpStatusCode.OK, await TwoNodes.MeAsync(nodes.B, pair));

        Assert.Equal(1, await TerminateListenerAsync(nodes.B.RelayNode));

        Assert.True(await TwoNodes.RefusedWithinAsync(nodes.B, pair, TimeSpan.FromSeconds(10)), "node B kept a token it may have missed a notice about");
        await nodes.B.WaitUntilReadyAsync();
    }

    [Fact]
    public async Task FailedSignInsSpreadOverBothNodesAddUpToOneLockoutOnBoth()
    {
        var pair = await nodes.NewPairAsync();
        foreach (var node in new[] { nodes.A, nodes.B, nodes.A, nodes.B, nodes.A })
            Assert.Equal(HttpStatusCode.Unauthorized, await nodes.LogInAsync(node, pair.UserName, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, await nodes.LogInAsync(nodes.B, pair.UserName, TwoNodes.UserPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await nodes.LogInAsync(nodes.A, pair.UserName, TwoNodes.UserPassword));
    }

    [Fact]
    public async Task APortalCookieProtectedOnNodeAIsReadOnNodeBButNotByANodeOfAnotherDatabase()
    {
        var cookie = nodes.A.Get<IDataProtectionProvider>().CreateProtector(CookiePurposes).Protect("ticket of alice");

        Assert.Equal("ticket of alice", nodes.B.Get<IDataProtectionProvider>().CreateProtector(CookiePurposes).Unprotect(cookie));
        await using var elsewhere = await PostgresTestDatabase.CreateAsync();
        await using var stranger = new Node(elsewhere);
        Assert.ThrowsAny<CryptographicException>(() => stranger.Get<IDataProtectionProvider>().CreateProtector(CookiePurposes).Unprotect(cookie));
    }

    /// <summary>Expires the pair's app token in the database directly: no service call, so no notice to any node.</summary>
    private async Task ExpireBehindTheServiceLayerAsync(Pair pair)
    {
        await using var db = await nodes.A.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        await db.Tokens.Where(t => t.Accessor == pair.App.Token.Accessor).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UnixEpoch));
    }

    private async Task<int> TerminateListenerAsync(string node)
    {
        await using var connection = new NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @name", connection);
        find.Parameters.AddWithValue("name", PostgresRevocationRelay.ListenerApplicationPrefix + node);
        var pids = new List<int>();
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        await using var terminate = new NpgsqlCommand("SELECT count(*)::int FROM unnest(@pids) AS p WHERE pg_terminate_backend(p)", connection);
        terminate.Parameters.AddWithValue("pids", pids.ToArray());
        return (int)(await terminate.ExecuteScalarAsync())!;
    }
}
