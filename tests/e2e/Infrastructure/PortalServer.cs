using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>The real host on real Kestrel (loopback, a free port) over a SQLite file of its own.</summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "enfix-e2e", $"{Guid.NewGuid():N}.db");

    public PortalServer()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Enfix", $"Data Source={_databasePath}");
        builder.UseSetting("Enfix:Bootstrap:AdminUsername", AdminUserName);
        builder.UseSetting("Enfix:Bootstrap:AdminPassword", AdminPassword);
        // Every browser signs in from this machine's address; the sign-in limit has tests of its own.
        builder.UseSetting("Enfix:RateLimits:LoginPerMinute", "100000");
        // The tests' webhook receivers listen on this machine's loopback address.
        builder.UseSetting("Enfix:Webhooks:AllowLoopback", "true");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databasePath + suffix);
    }
}
