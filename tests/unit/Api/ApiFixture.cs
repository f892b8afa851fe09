using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Api;

/// <summary>Someone holding a valid token pair.</summary>
public sealed record Caller(UserView User, string AppToken, string Token, string AppTokenAccessor, string TokenAccessor)
{
    public Actor Actor => new(User.Id, User.UserName, User.Admin, Door.Api, "127.0.0.1");
}

/// <summary>A running host with an administrator and two ordinary users, each with a token pair.</summary>
public class ApiFixture : IAsyncLifetime
{
    public const string UserPassword = "Us3r-Passw0rd!";

    public ApiFixture() : this(null) { }

    protected ApiFixture(Dictionary<string, string?>? settings) : this(Engine.Sqlite, settings) { }

    protected ApiFixture(Engine engine, Dictionary<string, string?>? settings = null, string environment = "Production") =>
        Factory = new ApiFactory(settings, engine, environment);

    public ApiFactory Factory { get; }
    public ApiClient Client { get; private set; } = null!;
    public Caller Admin { get; private set; } = null!;
    public Caller Alice { get; private set; } = null!;
    public Caller Bob { get; private set; } = null!;

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Client = new ApiClient(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var admin = (await Get<UserQueries>().FindByNameAsync("admin"))!;
        Admin = await PairFor(admin);
        Alice = await NewCallerAsync("alice");
        Bob = await NewCallerAsync("bob");
    }

    public async Task<Caller> NewCallerAsync(string prefix, bool admin = false)
    {
        var created = await Get<UserService>().CreateAsync(Admin.Actor,
            new CreateUserRequest($"{prefix}-{Guid.NewGuid():N}"[..20], UserPassword, Admin: admin));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return await PairFor(created.Value!);
    }

    public async Task<CreatedToken> NewTokenAsync(Caller owner, TokenFamily family, long? seconds = null, IReadOnlyList<string>? scopes = null)
    {
        var tokens = Get<TokenService>();
        var request = new CreateTokenRequest(SecondsUntilExpire: seconds, Scopes: scopes);
        var created = family == TokenFamily.App ? await tokens.CreateAppTokenAsync(owner.Actor, request) : await tokens.CreateOboTokenAsync(owner.Actor, request);
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    /// <summary>A pair for <paramref name="owner"/> whose app token and user token carry the given scopes (null: unscoped).</summary>
    public async Task<Caller> ScopedPairAsync(Caller owner, string[]? appScopes, string[]? userScopes)
    {
        var app = await NewTokenAsync(owner, TokenFamily.App, scopes: appScopes);
        var user = await NewTokenAsync(owner, TokenFamily.User, scopes: userScopes);
        return owner with { AppToken = app.Secret, AppTokenAccessor = app.Token.Accessor, Token = user.Secret, TokenAccessor = user.Token.Accessor };
    }

    /// <summary>Tokens and users as stored, less what any request may touch (last use, failed-login counts, audit).</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = await Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        var tokens = await db.Tokens.OrderBy(t => t.Id)
            .Select(t => $"{t.Accessor}|{t.Kind}|{t.Name}|{t.UserId}|{t.IssuedById}|{t.CreatedAt:O}|{t.ExpiresAt:O}|{t.Scopes}|{t.Hint}").ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id)
            .Select(u => $"{u.Id}|{u.UserName}|{u.Email}|{u.DisplayName}|{u.IsActive}|{u.PasswordHash}|{u.SecurityStamp}").ToListAsync();
        var roles = await db.UserRoles.OrderBy(r => r.UserId).Select(r => $"{r.UserId}|{r.RoleId}").ToListAsync();
        return string.Join("\n", tokens.Concat(users).Concat(roles));
    }

    private async Task<Caller> PairFor(UserView user)
    {
        var actor = new Actor(user.Id, user.UserName, user.Admin, Door.Api, "127.0.0.1");
        var tokens = Get<TokenService>();
        var app = await tokens.CreateAppTokenAsync(actor, new CreateTokenRequest());
        var token = await tokens.CreateOboTokenAsync(actor, new CreateTokenRequest());
        return new Caller(user, app.Value!.Secret, token.Value!.Secret, app.Value.Token.Accessor, token.Value.Token.Accessor);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>The same host and callers over PostgreSQL.</summary>
public sealed class PostgresApiFixture() : ApiFixture(Engine.Postgres);
