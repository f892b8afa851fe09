using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>The real service layer over a real database of its own (a SQLite file, or a fresh PostgreSQL database),
/// with time under the test's control. A test class that holds no engine-specific test is abstract, takes the
/// <see cref="Engine"/>, and has two sealed subclasses, <c>...OnSqlite</c> and <c>...OnPostgres</c>.</summary>
public sealed class ServiceHarness : IAsyncLifetime, IAsyncDisposable
{
    public const string AdminPassword = "Admin-Passw0rd!";

    private readonly Dictionary<string, string?> _settings;
    private readonly Engine _engine;
    private readonly bool _ownsDatabase;
    private TestDatabase? _database;
    private ServiceProvider? _services;

    public ServiceHarness(Dictionary<string, string?>? settings = null) : this(Engine.Sqlite, settings) { }

    /// <param name="database">A database shared with another harness (and disposed by the test); a new one of its own when null.</param>
    public ServiceHarness(Engine engine, Dictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        (_engine, _database, _ownsDatabase) = (database?.Engine ?? engine, database, database is null);
        _settings = new Dictionary<string, string?>
        {
            ["Enfix:Bootstrap:AdminUsername"] = "admin",
            ["Enfix:Bootstrap:AdminPassword"] = AdminPassword,
        };
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not started.");
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    public StringWriter Console { get; } = new();
    /// <summary>Every warning and error the services logged.</summary>
    public LogSink Logs { get; } = new();
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
    public UserView Admin { get; private set; } = null!;
    public Actor AdminActor => new(Admin.Id, Admin.UserName, true, Door.Api, "127.0.0.1");

    public async Task InitializeAsync()
    {
        _database ??= await TestDatabase.CreateAsync(_engine);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Database.Settings).AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddProvider(Logs))
            .AddSingleton<TimeProvider>(Time);
        services.AddEnfixCore(configuration);
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<AdminBootstrapper>(sp, Console));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await _services.PrepareDatabaseAsync();
        Admin = (await Get<UserQueries>().FindByNameAsync("admin"))!;
    }

    public async Task<UserView> CreateUserAsync(string userName, bool admin = false)
    {
        var created = await Get<UserService>().CreateAsync(AdminActor, new CreateUserRequest(userName, "Us3r-Passw0rd!", Admin: admin));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    public static Actor ActorFor(UserView user, bool admin = false) => new(user.Id, user.UserName, admin, Door.Api, "127.0.0.1");

    public async Task<T> QueryAsync<T>(Func<EnfixDbContext, Task<T>> query)
    {
        await using var db = await Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public Task<EnfixUser> IdentityUserAsync(string id) => QueryAsync(db => db.Users.SingleAsync(u => u.Id == id));

    public async Task<CreatedToken> CreateAppTokenAsync(Actor actor, long? seconds = null)
    {
        var created = await Get<TokenService>().CreateAppTokenAsync(actor, new CreateTokenRequest(SecondsUntilExpire: seconds));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    public async Task<CreatedToken> CreateOboTokenAsync(Actor actor, long? seconds = null, string? userId = null)
    {
        var created = await Get<TokenService>().CreateOboTokenAsync(actor, new CreateTokenRequest(userId, SecondsUntilExpire: seconds));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    /// <summary>Many app tokens of the admin at once (SQLite only), for limits too large to reach through the service.</summary>
    public Task SeedAppTokensAsync(int count, TimeSpan lifetime) => QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0})
        INSERT INTO Tokens (Accessor, SecretHash, Hint, Kind, Family, UserId, CreatedAt, ExpiresAt)
        SELECT printf('%024x', i + (SELECT COUNT(*) FROM Tokens)), randomblob(32), 'beef', 0, 0, {1}, {2}, {3} FROM n
        """, count, Admin.Id, Time.GetUtcNow().UtcTicks, (Time.GetUtcNow() + lifetime).UtcTicks));

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_ownsDatabase && _database is not null) await _database.DisposeAsync();
    }
}
