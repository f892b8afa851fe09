using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace EnfixPortal.Tests.Nodes;

/// <summary>One EnfixPortal node: the real host on real Kestrel (loopback, a free port) over a database it may share
/// with other nodes. Cached validations live an hour here, so only a notice from another node can evict them.</summary>
public sealed class Node : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly TestDatabase _database;
    private readonly (string Key, string Value)[] _settings;

    public Node(TestDatabase database, params (string Key, string Value)[] settings)
    {
        (_database, _settings) = (database, settings);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Http = new HttpClient { BaseAddress = new Uri(addresses.Addresses.First()) };
    }

    public HttpClient Http { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public string RelayNode => Get<PostgresRevocationRelay>().Node;

    public async Task<Actor> AdminAsync()
    {
        var admin = (await Get<UserQueries>().FindByNameAsync("admin"))!;
        return new Actor(admin.Id, admin.UserName, true, Door.Api, "127.0.0.1");
    }

    /// <summary>Waits (at most ten seconds) until the load balancer would send this node traffic.</summary>
    public async Task WaitUntilReadyAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(50))
            if ((await Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
        Assert.Fail("The node did not become ready within ten seconds.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Enfix:Bootstrap:AdminUsername", "admin");
        builder.UseSetting("Enfix:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Enfix:Tokens:ValidationCacheLifetime", "01:00:00");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Http.Dispose();
        base.Dispose(disposing);
    }
}
