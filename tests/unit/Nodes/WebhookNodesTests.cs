using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Nodes;

/// <summary>Two nodes over one PostgreSQL database, both running the webhook sender.</summary>
public sealed class WebhookNodesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Node _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _a = new Node(_database, ("Enfix:Webhooks:AllowLoopback", "true"));
        _b = new Node(_database, ("Enfix:Webhooks:AllowLoopback", "true"));
        await Task.WhenAll(_a.WaitUntilReadyAsync(), _b.WaitUntilReadyAsync());
    }

    [Fact]
    public async Task AnExpiryWarningIsSentOnceWhenBothNodesLookAtTheSameMoment()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await _a.AdminAsync();
        var webhook = await _a.Get<WebhookService>().CreateAsync(admin, new WebhookRequest(receiver.Url, ["token.expiring"]));
        receiver.Secret = webhook.Value!.Secret;
        var token = await _a.Get<TokenService>().CreateAppTokenAsync(admin, new CreateTokenRequest(Name: "nightly"));
        var now = DateTime.UtcNow;
        await using (var db = await _a.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync())
            await db.Tokens.Where(t => t.Accessor == token.Value!.Token.Accessor)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, now.AddDays(-60)).SetProperty(t => t.ExpiresAt, now.AddDays(5)));

        await RoundsOnBothNodesAsync();
        await receiver.WaitForAsync("token.expiring");
        await RoundsOnBothNodesAsync();
        await WebhookReceiver.WaitUntilAsync(async () =>
        {
            await using var db = await _b.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
            return !await db.WebhookDeliveries.AnyAsync(d => d.Status == DeliveryStatus.Pending);
        }, "no delivery left pending");

        var warning = Assert.Single(receiver.Of("token.expiring"));
        Assert.True(warning.SignatureValid);
        Assert.Equal(token.Value!.Token.Accessor, warning.Data.GetProperty("id").GetString());
        Assert.Equal(7, warning.Data.GetProperty("days_before_expiry").GetInt32());
    }

    private Task RoundsOnBothNodesAsync() => Task.WhenAll(Enumerable.Range(0, 4)
        .SelectMany(_ => new[] { _a.Get<WebhookRound>().RunAsync(), _b.Get<WebhookRound>().RunAsync() }));

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }
}
