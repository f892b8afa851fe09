using System.Net;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Nodes;

/// <summary>A token pair as a client holds it, with the accessors an administrator names it by.</summary>
public sealed record Pair(string UserId, string UserName, CreatedToken App, CreatedToken User);

/// <summary>Two nodes, A and B, on loopback behind no balancer at all, sharing one fresh PostgreSQL database.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public const string UserPassword = "Us3r-Passw0rd!";

    public TestDatabase Database { get; private set; } = null!;
    public Node A { get; private set; } = null!;
    public Node B { get; private set; } = null!;
    public Pair Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync();
        A = new Node(Database);
        B = new Node(Database);
        await Task.WhenAll(A.WaitUntilReadyAsync(), B.WaitUntilReadyAsync());
        Admin = await NewPairAsync(admin: true);
    }

    /// <summary>A new user with an app token and a user token, made through node A's service layer.</summary>
    public Task<Pair> NewPairAsync(bool admin = false) => NewPairAsync(A, admin);

    /// <summary>A new user with an app token and a user token, made through the node's service layer.</summary>
    public static async Task<Pair> NewPairAsync(Node node, bool admin = false)
    {
        var actor = await node.AdminAsync();
        var (userId, userName) = (actor.UserId!, actor.UserName!);
        if (!admin)
        {
            var user = await node.Get<UserService>().CreateAsync(actor, new CreateUserRequest($"u{Guid.NewGuid():N}"[..16], UserPassword));
            (userId, userName) = (user.Value!.Id, user.Value.UserName);
        }
        var tokens = node.Get<TokenService>();
        var app = await tokens.CreateAppTokenAsync(actor, new CreateTokenRequest());
        var token = await tokens.CreateOboTokenAsync(actor, new CreateTokenRequest(admin ? null : userId));
        return new Pair(userId, userName, app.Value!, token.Value!);
    }

    /// <summary>What a node answers the pair on an authenticated endpoint.</summary>
    public static async Task<HttpStatusCode> MeAsync(Node node, Pair pair) =>
        (await SendAsync(node, HttpMethod.Get, "/api/v1/me", pair)).StatusCode;

    public static async Task<HttpResponseMessage> SendAsync(Node node, HttpMethod method, string path, Pair caller, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("App-Token", caller.App.Secret);
        request.Headers.Add("Token", caller.User.Secret);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await node.Http.SendAsync(request);
    }

    /// <summary>A password sign-in on the API, with an administrator's app token.</summary>
    public async Task<HttpStatusCode> LogInAsync(Node node, string userName, string password)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/token/")
        {
            Content = new FormUrlEncodedContent([new("username", userName), new("password", password)]),
        };
        login.Headers.Add("App-Token", Admin.App.Secret);
        return (await node.Http.SendAsync(login)).StatusCode;
    }

    /// <summary>Asks the node again and again until it refuses the pair; false if it still accepts it after the time given.</summary>
    public static async Task<bool> RefusedWithinAsync(Node node, Pair pair, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await MeAsync(node, pair) == HttpStatusCode.Unauthorized) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
    }
}
