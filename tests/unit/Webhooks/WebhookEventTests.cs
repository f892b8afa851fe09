using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace EnfixPortal.Tests.Webhooks;

/// <summary>Each action raises its event into the outbox, with the change, for the webhooks that subscribed to it.</summary>
public abstract class WebhookEventTests(Engine engine) : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new(engine, new() { ["Enfix:Webhooks:AllowLoopback"] = "true" });

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task RevokingDeletingDeactivatingAndALockoutEachRaiseTheirEventOnce()
    {
        await SubscribeAsync(WebhookEventTypes.All.ToArray());
        var bob = await _harness.CreateUserAsync("bob");
        var bobs = await _harness.CreateOboTokenAsync(_harness.AdminActor, userId: bob.Id);
        var app = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        var tokens = _harness.Get<TokenService>();

        await tokens.ChangeAsync(_harness.AdminActor, TokenFamily.App, app.Token.Accessor, new ChangeTokenRequest(SecondsUntilExpire: -1));
        await tokens.ChangeAsync(_harness.AdminActor, TokenFamily.App, app.Token.Accessor, new ChangeTokenRequest(SecondsUntilExpire: -1));
        await tokens.DeleteAsync(_harness.AdminActor, TokenFamily.User, bobs.Token.Accessor);
        await _harness.Get<UserService>().UpdateAsync(_harness.AdminActor, bob.Id, new UpdateUserRequest(Active: false));
        await _harness.CreateUserAsync("carol");
        for (var i = 0; i < 6; i++) await _harness.Get<PasswordSignIn>().CheckAsync(new Actor(null, null, false, Door.Api, "10.0.0.9"), "carol", "wrong");

        var raised = await RaisedAsync();
        Assert.Equal(2, raised.Count(e => e.Type == "token.created"));
        var revoked = raised.Where(e => e.Type == "token.revoked").Select(e => e.Data).ToList();
        Assert.Equal(2, revoked.Count);
        Assert.Equal(app.Token.Accessor, revoked[0].GetProperty("id").GetString());
        Assert.False(revoked[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(bobs.Token.Accessor, revoked[1].GetProperty("id").GetString());
        Assert.True(revoked[1].GetProperty("deleted").GetBoolean());
        Assert.Equal("bob", raised.Single(e => e.Type == "user.deactivated").Data.GetProperty("user").GetProperty("username").GetString());
        var lockedOut = raised.Single(e => e.Type == "login.locked_out").Data;
        Assert.Equal("carol", lockedOut.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal("10.0.0.9", lockedOut.GetProperty("client_address").GetString());

        // A revoked token is not announced again as expired.
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await _harness.Get<ExpiryAnnouncements>().RunAsync();
        Assert.DoesNotContain(await RaisedAsync(), e => e.Type == "token.expired");
    }

    [Fact]
    public async Task OnlySubscribedEnabledWebhooksGetAnEvent()
    {
        var wants = await SubscribeAsync("token.created");
        var other = await SubscribeAsync("user.deactivated");
        var disabled = await SubscribeAsync("token.created");
        await _harness.Get<WebhookService>().UpdateAsync(_harness.AdminActor, disabled, new WebhookRequest(Enabled: false));

        await _harness.CreateAppTokenAsync(_harness.AdminActor);

        var byWebhook = await _harness.QueryAsync(db => db.WebhookDeliveries.Join(db.Webhooks, d => d.WebhookId, w => w.Id, (d, w) => w.PublicId).ToListAsync());
        Assert.Equal([wants], byWebhook);
        Assert.DoesNotContain(other, byWebhook);
    }

    [Fact]
    public async Task DeliveryToAnAddressNoLongerAllowedIsRefusedBeforeConnecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var strict = new ServiceHarness(engine, database: _harness.Database);
        await strict.InitializeAsync();
        var refused = await strict.Get<WebhookService>().CreateAsync(strict.AdminActor,
            new WebhookRequest(receiver.Url.Replace("127.0.0.1", "localhost"), ["token.created"]));
        Assert.Contains("private address", refused.Error!.Errors["url"]);

        var id = await SubscribeAsync(receiver.Url);
        await strict.Get<WebhookService>().SendTestAsync(strict.AdminActor, id);
        await strict.Get<WebhookDispatcher>().DeliverDueAsync();

        Assert.Empty(receiver.Messages);
        var log = (await strict.Get<WebhookService>().DeliveriesAsync(strict.AdminActor, id)).Value!.Single();
        Assert.Contains("private address", log.LastError);
        Assert.Equal(1, log.Attempts);
    }

    private async Task<string> SubscribeAsync(params string[] eventsOrUrl)
    {
        var url = eventsOrUrl.FirstOrDefault(e => e.StartsWith("http")) ?? "http://127.0.0.1:9/hook";
        var events = eventsOrUrl.Where(e => !e.StartsWith("http")).DefaultIfEmpty("token.created").ToArray();
        var created = await _harness.Get<WebhookService>().CreateAsync(_harness.AdminActor, new WebhookRequest(url, events));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!.Webhook.Id;
    }

    private async Task<List<(string Type, JsonElement Data)>> RaisedAsync()
    {
        var payloads = await _harness.QueryAsync(db => db.WebhookDeliveries.OrderBy(d => d.Id).Select(d => d.Payload).ToListAsync());
        return payloads.Select(p => JsonDocument.Parse(p).RootElement).Select(p => (p.GetProperty("type").GetString()!, p.GetProperty("data"))).ToList();
    }
}

public sealed class WebhookEventTestsOnSqlite() : WebhookEventTests(Engine.Sqlite);

public sealed class WebhookEventTestsOnPostgres() : WebhookEventTests(Engine.Postgres);
