using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace EnfixPortal.Tests.Api;

/// <summary>A host whose webhooks may point at loopback, so that the events a bulk change raises are recorded.</summary>
public class BulkApiFixture : ApiFixture
{
    public BulkApiFixture() : this(Engine.Sqlite) { }

    protected BulkApiFixture(Engine engine) : base(engine, new() { ["Enfix:Webhooks:AllowLoopback"] = "true" }) { }
}

public sealed class PostgresBulkApiFixture() : BulkApiFixture(Engine.Postgres);

/// <summary><c>POST /api/v1/app_tokens/bulk</c> and <c>/tokens/bulk</c>: expire, delete or extend many tokens in one request.</summary>
public abstract class TokenBulkApiTests(ApiFixture api)
{
    private const string Unknown = "0123456789abcdef01234567";

    private static string Body(string action, IEnumerable<string> accessors, long? seconds = null) => JsonSerializer.Serialize(
        new Dictionary<string, object?> { ["action"] = action, ["accessors"] = accessors.ToArray() }
            .Concat(seconds is null ? [] : [new("seconds_until_expire", seconds)]).ToDictionary());

    private async Task<T> QueryAsync<T>(Func<EnfixDbContext, Task<T>> query)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private Task<List<string?>> AuditedAsync(string action, IReadOnlyCollection<string> accessors) =>
        QueryAsync(db => db.AuditEvents.Where(e => e.Action == action && accessors.Contains(e.TargetAccessor!)).Select(e => e.TargetAccessor).ToListAsync());

    /// <summary>The <c>token.revoked</c> events for the named tokens that the webhook was sent.</summary>
    private async Task<List<JsonElement>> RevokedEventsAsync(string webhook, IReadOnlyCollection<string> accessors)
    {
        var payloads = await QueryAsync(db => db.WebhookDeliveries.Join(db.Webhooks, d => d.WebhookId, w => w.Id, (d, w) => new { w.PublicId, d.Payload })
            .Where(d => d.PublicId == webhook).Select(d => d.Payload).ToListAsync());
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(p => p.GetProperty("type").GetString() == "token.revoked" && accessors.Contains(p.GetProperty("data").GetProperty("id").GetString()))
            .Select(p => p.GetProperty("data"))];
    }

    private async Task<string> SubscribeAsync()
    {
        var created = await api.Get<WebhookService>().CreateAsync(api.Admin.Actor, new WebhookRequest("http://127.0.0.1:9/hook", ["token.revoked"]));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!.Webhook.Id;
    }

    private Task<DateTime> ExpiryAsync(string accessor) =>
        QueryAsync(db => db.Tokens.Where(t => t.Accessor == accessor).Select(t => t.ExpiresAt).SingleAsync());

    private DateTime Now => api.Factory.Time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task ExpireEndsTheCallersTokensOnceAndRefusesAnotherUsersAsIfItDidNotExist()
    {
        var webhook = await SubscribeAsync();
        var owner = await api.NewCallerAsync("expirer");
        var mine = new[] { await api.NewTokenAsync(owner, TokenFamily.App), await api.NewTokenAsync(owner, TokenFamily.App) };
        var bobs = await api.NewTokenAsync(api.Bob, TokenFamily.App);
        var own = mine.Select(t => t.Token.Accessor).ToList();

        var answer = await api.Client.PostJsonAsync("/api/v1/app_tokens/bulk", owner,
            Body("expire", [own[0], bobs.Token.Accessor, own[1], Unknown, own[0]]));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var changed = answer.Json!["changed"]!.AsArray();
        Assert.Equal(own, changed.Select(t => t!["accessor"]!.GetValue<string>()));
        Assert.All(changed, t => Assert.True(t!["expired"]!.GetValue<bool>()));
        Assert.Equal(owner.User.Id, changed[0]!["user"]!.GetValue<string>());
        Assert.Null(changed[0]!["kind"]);
        var refused = answer.Json["refused"]!.AsArray();
        Assert.Equal([bobs.Token.Accessor, Unknown], refused.Select(r => r!["accessor"]!.GetValue<string>()));
        Assert.Equal(refused[1]!.ToJsonString().Replace(Unknown, bobs.Token.Accessor), refused[0]!.ToJsonString());
        Assert.Equal("No app token has this ID.", refused[0]!["reason"]!.GetValue<string>());
        Assert.Equal(bobs.Token.ExpiresAt, await ExpiryAsync(bobs.Token.Accessor));
        var audited = await AuditedAsync(AuditActions.TokenExpiryChanged, [.. own, bobs.Token.Accessor]);
        Assert.Equal(own.Order(StringComparer.Ordinal), audited.Order(StringComparer.Ordinal));
        var events = await RevokedEventsAsync(webhook, [.. own, bobs.Token.Accessor]);
        Assert.Equal(own.Order(StringComparer.Ordinal), events.Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.False(e.GetProperty("deleted").GetBoolean()));
    }

    [Fact]
    public async Task AnAdministratorDeletesAnotherUsersTokensEachAuditedAndAnnouncedOnce()
    {
        var webhook = await SubscribeAsync();
        var owner = await api.NewCallerAsync("deleted");
        var tokens = new[] { await api.NewTokenAsync(owner, TokenFamily.User), await api.NewTokenAsync(owner, TokenFamily.User) };
        var accessors = tokens.Select(t => t.Token.Accessor).ToList();

        var answer = await api.Client.PostJsonAsync("/api/v1/tokens/bulk", api.Admin, Body("delete", accessors));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(accessors, answer.Json!["changed"]!.AsArray().Select(t => t!["accessor"]!.GetValue<string>()));
        Assert.All(answer.Json["changed"]!.AsArray(), t => Assert.Equal("obo", t!["kind"]!.GetValue<string>()));
        Assert.Empty(answer.Json["refused"]!.AsArray());
        foreach (var accessor in accessors)
            Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"/api/v1/tokens/{accessor}/", api.Admin)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await api.Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: owner.AppToken, token: tokens[0].Secret)).Status);
        Assert.Equal(accessors.Order(StringComparer.Ordinal), (await AuditedAsync(AuditActions.TokenDeleted, accessors)).Order(StringComparer.Ordinal));
        var events = await RevokedEventsAsync(webhook, accessors);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.True(e.GetProperty("deleted").GetBoolean()));
    }

    [Fact]
    public async Task ANonAdminCannotDeleteOrExtendAnotherUsersTokens()
    {
        var owner = await api.NewCallerAsync("nosy");
        var bobs = await api.NewTokenAsync(api.Bob, TokenFamily.User, seconds: 600);

        var deleted = await api.Client.PostJsonAsync("/api/v1/tokens/bulk", owner, Body("delete", [bobs.Token.Accessor]));
        var extended = await api.Client.PostJsonAsync("/api/v1/tokens/bulk", owner, Body("extend", [bobs.Token.Accessor], 3600));

        foreach (var answer in new[] { deleted, extended })
        {
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.Empty(answer.Json!["changed"]!.AsArray());
            var refusal = Assert.Single(answer.Json["refused"]!.AsArray())!;
            Assert.Equal("No token has this ID.", refusal["reason"]!.GetValue<string>());
            Assert.Null(refusal["name"]);
            Assert.Null(refusal["hint"]);
        }
        Assert.Equal(bobs.Token.ExpiresAt, await ExpiryAsync(bobs.Token.Accessor));
    }

    [Fact]
    public async Task ExtendGivesEachTokenTheNewLifetimeAndReportsTheOnesItLeft()
    {
        var owner = await api.NewCallerAsync("extender");
        var soon = await api.NewTokenAsync(owner, TokenFamily.User, seconds: 60);
        var later = await api.NewTokenAsync(owner, TokenFamily.User, seconds: 7200);

        var answer = await api.Client.PostJsonAsync("/api/v1/tokens/bulk", api.Admin, Body("extend", [soon.Token.Accessor, later.Token.Accessor], 3600));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var extended = Assert.Single(answer.Json!["changed"]!.AsArray())!;
        Assert.Equal(soon.Token.Accessor, extended["accessor"]!.GetValue<string>());
        Assert.Equal(Now.AddHours(1), await ExpiryAsync(soon.Token.Accessor));
        var refusal = Assert.Single(answer.Json["refused"]!.AsArray())!;
        Assert.Equal(later.Token.Hint, refusal["hint"]!.GetValue<string>());
        Assert.StartsWith("It already expires later", refusal["reason"]!.GetValue<string>());
        Assert.Equal(Now.AddHours(2), await ExpiryAsync(later.Token.Accessor));
        Assert.Equal([soon.Token.Accessor], await AuditedAsync(AuditActions.TokenExpiryChanged, [soon.Token.Accessor, later.Token.Accessor]));
    }

    [Fact]
    public async Task AScopedPairWithoutTokensWriteIsForbiddenAndChangesNothing()
    {
        var owner = await api.NewCallerAsync("reader");
        var reader = await api.ScopedPairAsync(owner, ["tokens:read"], ["tokens:read"]);
        var target = await api.NewTokenAsync(owner, TokenFamily.App);

        var answer = await api.Client.PostJsonAsync("/api/v1/app_tokens/bulk", reader, Body("delete", [target.Token.Accessor]));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("tokens:write", answer.Errors()["permission"]);
        Assert.Equal(target.Token.ExpiresAt, await ExpiryAsync(target.Token.Accessor));
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "not json", "body" },
        { """["expire"]""", "body" },
        { "{}", "action" },
        { """{"action": "revoke", "accessors": ["{t}"]}""", "action" },
        { """{"action": 1, "accessors": ["{t}"]}""", "action" },
        { """{"action": "expire"}""", "accessors" },
        { """{"action": "expire", "accessors": "{t}"}""", "accessors" },
        { """{"action": "expire", "accessors": []}""", "accessors" },
        { """{"action": "expire", "accessors": ["{t}", 5]}""", "accessors" },
        { """{"action": "delete", "accessors": ["{t}", "{secret}"]}""", "accessors" },
        { """{"action": "delete", "accessors": ["{t}", "nope"]}""", "accessors" },
        { """{"action": "delete", "accessors": {many}}""", "accessors" },
        { """{"action": "extend", "accessors": ["{t}"]}""", "seconds_until_expire" },
        { """{"action": "extend", "accessors": ["{t}"], "seconds_until_expire": 0}""", "seconds_until_expire" },
        { """{"action": "extend", "accessors": ["{t}"], "seconds_until_expire": -1}""", "seconds_until_expire" },
        { """{"action": "extend", "accessors": ["{t}"], "seconds_until_expire": "3600"}""", "seconds_until_expire" },
        { """{"action": "extend", "accessors": ["{t}"], "seconds_until_expire": 36.5}""", "seconds_until_expire" },
        { """{"action": "expire", "accessors": ["{t}"], "seconds_until_expire": 3600}""", "seconds_until_expire" },
        { """{"action": "expire", "accessors": ["{t}"], "force": true}""", "force" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task AMalformedBodyIsABadRequestOnItsFieldAndChangesNothing(string body, string field)
    {
        var target = await api.NewTokenAsync(api.Alice, TokenFamily.App, seconds: 600);
        var many = JsonSerializer.Serialize(Enumerable.Range(0, TokenBatch.MaxSize).Select(i => $"{i:x24}").Append(target.Token.Accessor));
        var before = await api.SnapshotAsync();
        var audits = await QueryAsync(db => db.AuditEvents.CountAsync());

        var answer = await api.Client.PostJsonAsync("/api/v1/app_tokens/bulk", api.Alice,
            body.Replace("{t}", target.Token.Accessor).Replace("{secret}", target.Secret).Replace("{many}", many));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(field, answer.Errors().Keys);
        Assert.DoesNotContain(target.Secret, answer.Body);
        Assert.Equal(before, await api.SnapshotAsync());
        Assert.Equal(audits, await QueryAsync(db => db.AuditEvents.CountAsync()));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task OnlyPostIsAllowedOnBulkWhichIsNeverTakenForATokenId(string method)
    {
        var answer = await api.Client.SendAsync(new HttpMethod(method), "/api/v1/app_tokens/bulk/", api.Admin);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("POST", answer.Header("Allow"));
    }

    [Fact]
    public async Task DeletingAUserTokenEndsTheTokensMadeWithIt()
    {
        var owner = await api.NewCallerAsync("parent");
        var created = await api.Client.PostJsonAsync("/api/v1/tokens/", owner, """{"seconds_until_expire": 600}""");
        var child = created.Header("Location")!.TrimEnd('/').Split('/')[^1];

        var deleted = await api.Client.SendAsync(HttpMethod.Delete, $"/api/v1/tokens/{owner.TokenAccessor}/", api.Admin);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.True((await api.Client.GetAsync($"/api/v1/tokens/{child}/", api.Admin)).Json!["expired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesBothBulkOperations()
    {
        var document = (await api.Client.GetAsync("/openapi/v1.json")).Json!;

        foreach (var path in new[] { "/api/v1/app_tokens/bulk", "/api/v1/tokens/bulk" })
        {
            var post = document["paths"]![path]!["post"]!;
            Assert.NotNull(post["requestBody"]!["content"]!["application/json"]);
            Assert.NotNull(post["responses"]!["200"]);
            Assert.NotNull(post["responses"]!["400"]);
        }
    }
}

public sealed class TokenBulkApiTestsOnSqlite(BulkApiFixture api) : TokenBulkApiTests(api), IClassFixture<BulkApiFixture>;

public sealed class TokenBulkApiTestsOnPostgres(PostgresBulkApiFixture api) : TokenBulkApiTests(api), IClassFixture<PostgresBulkApiFixture>;
