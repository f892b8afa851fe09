using EnfixPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EnfixPortal.Tests.Api;

/// <summary>The whole host in process over a database of its own (a SQLite file, or a fresh PostgreSQL database), with time
/// under the test's control and every log line kept.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    public ApiFactory(Dictionary<string, string?>? settings = null, Engine engine = Engine.Sqlite, string environment = "Production")
    {
        _environment = environment;
        Database = TestDatabase.CreateAsync(engine).GetAwaiter().GetResult();
        _settings = new(Database.Settings)
        {
            ["Enfix:Bootstrap:AdminUsername"] = "admin",
            ["Enfix:Bootstrap:AdminPassword"] = AdminPassword,
            // Many tests log in from the same (test server) address; the limit has tests of its own.
            ["Enfix:RateLimits:LoginPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    public LogSink Logs { get; } = new();

    /// <summary>More services for one fixture, set before the host starts.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
