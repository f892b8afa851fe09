using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Net;

namespace EnfixPortal.Tests.Nodes;

/// <summary>What docs/operations.md tells operators to set behind a load balancer does what it says.</summary>
public sealed class BalancerTests
{
    [Theory]
    [InlineData("true", "198.51.100.7")]
    [InlineData("false", "127.0.0.1")]
    public async Task WithForwardedHeadersEnabledTheAuditRecordsTheClientBehindTheBalancer(string enabled, string recorded)
    {
        await using var database = new SqliteTestDatabase();
        await using var node = new Node(database, ("ForwardedHeaders_Enabled", enabled));
        var app = await node.Get<TokenService>().CreateAppTokenAsync(await node.AdminAsync(), new CreateTokenRequest());
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/token/")
        {
            Content = new FormUrlEncodedContent([new("username", "admin"), new("password", "wrong")]),
        };
        login.Headers.Add("App-Token", app.Value!.Secret);
        login.Headers.Add("X-Forwarded-For", "198.51.100.7");

        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Http.SendAsync(login)).StatusCode);

        await using var db = await node.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        Assert.Equal(recorded, await db.AuditEvents.Where(a => a.Action == AuditActions.LoginFailed).Select(a => a.ClientAddress).SingleAsync());
    }
}
