using System.Net;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Api;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Webhooks;

/// <summary>The host with webhooks allowed to reach loopback (and nothing else private), attempts cut short after a second.</summary>
public sealed class WebhookApiFixture() : ApiFixture(new Dictionary<string, string?>
{
    ["Enfix:Webhooks:AllowLoopback"] = "true",
    ["Enfix:Webhooks:Timeout"] = "00:00:01",
});

public sealed class WebhookApiTests(WebhookApiFixture api) : IClassFixture<WebhookApiFixture>
{
    [Fact]
    public async Task AdministratorsWebhookReceivesASignedTokenCreatedEventAndTheSecretIsShownOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateWebhookAsync(receiver, "token.created");
        Assert.Matches("^whsec_[A-Za-z0-9+/]{32}$", secret);

        var created = await api.Client.PostJsonAsync("/api/v1/app_tokens/", api.Admin, """{"name": "ci deploy"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        await receiver.WaitForAsync("token.created");

        var message = receiver.Of("token.created").Single();
        Assert.True(message.SignatureValid);
        Assert.EndsWith("/" + message.Data.GetProperty("id").GetString(), created.Response.Headers.Location!.ToString().TrimEnd('/'));
        Assert.Equal("ci deploy", message.Data.GetProperty("name").GetString());
        Assert.Equal("app_token", message.Data.GetProperty("type").GetString());
        Assert.DoesNotContain(created.Json!["app_token"]!.GetValue<string>(), message.Payload.GetRawText());
        var shown = await api.Client.GetAsync($"/api/v1/webhooks/{id}", api.Admin);
        var listed = await api.Client.GetAsync("/api/v1/webhooks/", api.Admin);
        Assert.DoesNotContain(secret, shown.Body + listed.Body);
        Assert.DoesNotContain(api.Factory.Logs.Lines, line => line.Contains(secret["whsec_".Length..]));
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        Assert.DoesNotContain(secret["whsec_".Length..], (await db.Webhooks.SingleAsync(w => w.PublicId == id)).ProtectedSecret);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/enfix", "absolute http or https URL")]
    [InlineData("not a url", "absolute http or https URL")]
    [InlineData("http://10.20.30.40/hook", "private address")]
    [InlineData("http://169.254.169.254/latest", "private address")]
    [InlineData("http://[fd00::1]/hook", "private address")]
    [InlineData("http://hooks.example.invalid/hook", "could not be resolved")]
    public async Task WebhookUrlThatIsNotHttpOrReachesAPrivateAddressIsRefused(string url, string message)
    {
        var before = await api.Client.GetAsync("/api/v1/webhooks/", api.Admin);
        var answer = await api.Client.PostJsonAsync("/api/v1/webhooks/", api.Admin, $$"""{"url": {{ApiClient.Quote(url)}}, "events": ["token.expiring"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(message, answer.Errors()["url"]);
        Assert.Equal(before.Body, (await api.Client.GetAsync("/api/v1/webhooks/", api.Admin)).Body);
    }

    [Fact]
    public async Task UnknownEventIsRefusedAndOnlyAdministratorsManageWebhooks()
    {
        var unknown = await api.Client.PostJsonAsync("/api/v1/webhooks/", api.Admin, """{"url": "http://127.0.0.1:9/x", "events": ["token.exploded"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("token.exploded", unknown.Errors()["events"]);
        var notAdmin = await api.Client.PostJsonAsync("/api/v1/webhooks/", api.Alice, """{"url": "http://127.0.0.1:9/x", "events": ["token.created"]}""");
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client.GetAsync("/api/v1/webhooks/", api.Alice)).Status);
    }

    [Fact]
    public async Task ReceiverAnswering500IsRetriedWithBackoffAndTheLogShowsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerStatus = 500;
        var (id, _) = await CreateWebhookAsync(receiver, "token.revoked");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostJsonAsync($"/api/v1/webhooks/{id}/test", api.Admin, "{}")).Status);
        var first = await WaitForDeliveryAsync(id, d => d["attempts"]!.GetValue<int>() == 1);
        Assert.Equal("pending", first["status"]!.GetValue<string>());
        Assert.Equal(500, first["last_status_code"]!.GetValue<int>());
        Assert.Contains("500", first["last_error"]!.GetValue<string>());
        Assert.Contains(api.Factory.Logs.Lines, line => line.StartsWith("Warning") && line.Contains(id) && line.Contains("attempt 1"));

        api.Factory.Time.Advance(TimeSpan.FromSeconds(31));
        api.Get<WebhookOutbox>().Wake();
        var second = await WaitForDeliveryAsync(id, d => d["attempts"]!.GetValue<int>() == 2);
        Assert.Equal(DateTime.Parse(second["last_attempt_at"]!.GetValue<string>()).AddSeconds(60).ToUniversalTime(),
            DateTime.Parse(second["next_attempt_at"]!.GetValue<string>()).ToUniversalTime());

        receiver.AnswerStatus = 204;
        api.Factory.Time.Advance(TimeSpan.FromSeconds(61));
        api.Get<WebhookOutbox>().Wake();
        var delivered = await WaitForDeliveryAsync(id, d => d["status"]!.GetValue<string>() == "delivered");
        Assert.Equal(3, delivered["attempts"]!.GetValue<int>());
        Assert.Equal(3, receiver.Messages.Count);
        Assert.Single(receiver.Messages.Select(m => m.Id).Distinct());
    }

    [Fact]
    public async Task RedirectIsNotFollowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerStatus = 302;
        var (id, _) = await CreateWebhookAsync(receiver, "token.revoked");
        await api.Client.PostJsonAsync($"/api/v1/webhooks/{id}/test", api.Admin, "{}");
        var attempt = await WaitForDeliveryAsync(id, d => d["attempts"]!.GetValue<int>() == 1);
        Assert.Equal(307, attempt["last_status_code"]!.GetValue<int>());
        Assert.Equal(0, receiver.RedirectedHits);
    }

    [Fact]
    public async Task HangingReceiverNeverHoldsUpARequestAndItsAttemptEndsAsAFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerStatus = 0;
        var (id, _) = await CreateWebhookAsync(receiver, "token.created");
        await api.NewTokenAsync(api.Admin, EnfixPortal.Api.Model.TokenFamily.App);
        await WebhookReceiver.WaitUntilAsync(() => Task.FromResult(receiver.Hanging > 0), "the receiver holds a delivery");

        var whileHanging = await api.Client.PostJsonAsync("/api/v1/app_tokens/", api.Admin, "{}");
        Assert.Equal(HttpStatusCode.Created, whileHanging.Status);
        Assert.True(receiver.Hanging > 0);

        var timedOut = await WaitForDeliveryAsync(id, d => d["attempts"]!.GetValue<int>() >= 1);
        Assert.Contains("did not answer within 1 s", timedOut["last_error"]!.GetValue<string>());
        Assert.Equal("pending", timedOut["status"]!.GetValue<string>());
    }

    private async Task<(string Id, string Secret)> CreateWebhookAsync(WebhookReceiver receiver, params string[] events)
    {
        var answer = await api.Client.PostJsonAsync("/api/v1/webhooks/", api.Admin,
            $$"""{"url": {{ApiClient.Quote(receiver.Url)}}, "events": [{{string.Join(",", events.Select(ApiClient.Quote))}}]}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        var secret = answer.Json!["secret"]!.GetValue<string>();
        receiver.Secret = secret;
        return (answer.Json["id"]!.GetValue<string>(), secret);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> WaitForDeliveryAsync(string id, Func<System.Text.Json.Nodes.JsonNode, bool> condition)
    {
        System.Text.Json.Nodes.JsonNode? found = null;
        await WebhookReceiver.WaitUntilAsync(async () =>
        {
            var log = await api.Client.GetAsync($"/api/v1/webhooks/{id}/deliveries", api.Admin);
            found = log.Json!.AsArray().FirstOrDefault(d => d is not null && condition(d));
            return found is not null;
        }, "the delivery log shows the attempt");
        return found!;
    }
}
