using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Bench;

/// <summary>The validation hot path in isolation: a warm (app token, user token) check, the same pair sent again on one
/// connection, and a refused one.</summary>
[MemoryDiagnoser]
public class ValidationBenchmark
{
    private ServiceProvider _services = null!;
    private TokenValidator _validator = null!;
    private string _app = "", _user = "", _path = "";

    /// <summary>The pair's hashes as one client connection remembers them (the API's check on a kept-alive connection).</summary>
    private readonly ConnectionTokenHashes _connection = new();

    public static int Run(string[] args)
    {
        BenchmarkSwitcher.FromTypes([typeof(ValidationBenchmark)]).Run(args);
        return 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"enfix-micro-{Guid.NewGuid():N}.db");
        _services = BenchServices.Build(_path, "Bench-Adm1n-Passw0rd!");
        _services.PrepareDatabaseAsync().GetAwaiter().GetResult();
        var admin = _services.GetRequiredService<UserQueries>().FindByNameAsync("admin").GetAwaiter().GetResult()!;
        var actor = new Actor(admin.Id, admin.UserName, true, Door.Cli);
        var tokens = _services.GetRequiredService<TokenService>();
        _app = tokens.CreateAppTokenAsync(actor, new()).GetAwaiter().GetResult().Value!.Secret;
        _user = tokens.CreateOboTokenAsync(actor, new()).GetAwaiter().GetResult().Value!.Secret;
        _validator = _services.GetRequiredService<TokenValidator>();
        if (!WarmCheck().Result.Succeeded) throw new InvalidOperationException("the pair does not validate");
    }

    /// <summary>A client as a request names it: the check keeps the two references for the next batch of last uses.</summary>
    private static readonly TokenClient Client = new(System.Net.IPAddress.Loopback, "bench/1.0");

    [Benchmark]
    public ValueTask<ServiceResult<TokenPrincipal>> WarmCheck() => _validator.ValidateAsync(_app, _user);

    [Benchmark]
    public ValueTask<ServiceResult<TokenPrincipal>> WarmCheckSameConnection() => _validator.ValidateAsync(_app, _user, _connection, Client, default);

    [Benchmark]
    public ValueTask<ServiceResult<TokenPrincipal>> MalformedToken() => _validator.ValidateAsync(_app, "not-a-token");

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}
