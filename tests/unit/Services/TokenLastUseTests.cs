using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Net;

namespace EnfixPortal.Tests.Services;

/// <summary>The client of a token's last use (address and User-Agent), kept in memory with the time and written with it.</summary>
public abstract class TokenLastUseTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine);
    private TokenValidator Validator => _harness.Get<TokenValidator>();
    private TokenUsage Usage => _harness.Get<TokenUsage>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private async Task<TokenView> ViewAsync(TokenFamily family, CreatedToken token) =>
        (await _harness.Get<TokenQueries>().GetAsync(_harness.AdminActor, family, token.Token.Accessor)).Value!;

    [Fact]
    public async Task TheAddressAndUserAgentOfTheLastUseAppearAfterAFlushAndNoRequestWritesThem()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        for (var i = 1; i <= 5; i++)
        {
            _harness.Time.Advance(TimeSpan.FromSeconds(2));
            var client = new TokenClient(IPAddress.Parse($"203.0.113.{i}"), $"deploy-job/{i}");
            Assert.True((await Validator.ValidateAsync(app.Secret, user.Secret, null, client, default)).Succeeded);
        }

        // Five requests, two tokens: two entries waiting in memory, nothing written yet.
        Assert.Equal(2, Usage.PendingCount);
        var stored = await _harness.QueryAsync(db => db.Tokens.Where(t => t.LastUsedAddress != null || t.LastUsedAt != null).CountAsync());
        Assert.Equal(0, stored);

        await Usage.FlushAsync();

        foreach (var (family, token) in new[] { (TokenFamily.App, app), (TokenFamily.User, user) })
        {
            var view = await ViewAsync(family, token);
            Assert.Equal(_harness.Time.GetUtcNow().UtcDateTime, view.LastUsedAt);
            Assert.Equal("203.0.113.5", view.LastUsedAddress);
            Assert.Equal("deploy-job/5", view.LastUsedUserAgent);
        }
        Assert.Equal(0, Usage.PendingCount);
    }

    [Fact]
    public async Task ALoginRecordsItsClientAsTheAppTokensLastUser()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var client = new TokenClient(IPAddress.Parse("192.0.2.44"), "mobile-app/7.0");

        var login = await _harness.Get<TokenLogin>().LogInAsync(_harness.AdminActor, app.Secret, "admin", ServiceHarness.AdminPassword, client);
        Assert.True(login.Succeeded, login.Error?.Describe());
        await Usage.FlushAsync();

        var view = await ViewAsync(TokenFamily.App, app);
        Assert.Equal(("192.0.2.44", "mobile-app/7.0"), (view.LastUsedAddress, view.LastUsedUserAgent));
    }

    [Fact]
    public async Task AnIPv6AddressIsKeptWholeAndALongUserAgentIsCut()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        var longAgent = "Mozilla/5.0 " + new string('x', 1000);

        await Validator.ValidateAsync(app.Secret, user.Secret, null, new TokenClient(IPAddress.Parse("2001:db8::17"), longAgent), default);
        await Usage.FlushAsync();

        var view = await ViewAsync(TokenFamily.App, app);
        Assert.Equal("2001:db8::17", view.LastUsedAddress);
        Assert.Equal(longAgent[..TokenClient.MaxUserAgentLength], view.LastUsedUserAgent);
    }

    [Fact]
    public async Task AnOlderUseFlushedByAnotherNodeDoesNotReplaceTheNewerClient()
    {
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var user = await _harness.CreateOboTokenAsync(_harness.AdminActor);
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        var earlier = _harness.Time.GetUtcNow().UtcDateTime;
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await Validator.ValidateAsync(app.Secret, user.Secret, null, new TokenClient(IPAddress.Parse("198.51.100.2"), "newer"), default);
        await Usage.FlushAsync();

        Usage.Record(app.Token.Accessor, earlier, new TokenClient(IPAddress.Parse("198.51.100.1"), "older"));
        await Usage.FlushAsync();

        var view = await ViewAsync(TokenFamily.App, app);
        Assert.Equal(("198.51.100.2", "newer"), (view.LastUsedAddress, view.LastUsedUserAgent));
    }
}

public sealed class TokenLastUseTestsOnSqlite() : TokenLastUseTests(Engine.Sqlite);

public sealed class TokenLastUseTestsOnPostgres() : TokenLastUseTests(Engine.Postgres);
