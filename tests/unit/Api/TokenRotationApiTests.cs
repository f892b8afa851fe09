using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using System.Net;

namespace EnfixPortal.Tests.Api;

/// <summary><c>POST .../{id}/rotate</c>: a new secret for the same record, the old one working for the grace period asked.</summary>
public abstract class TokenRotationApiTests(ApiFixture api)
{
    [Fact]
    public async Task TheOldAppTokenWorksUntilTheGraceEndsThenOnlyTheNewOne()
    {
        var owner = await api.NewCallerAsync("rotate");
        var before = await api.Client.GetAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}", owner);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", owner)).Status); // the old secret is now in the cache

        var rotated = await api.Client.PostJsonAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}/rotate", owner, """{"grace_seconds": 30}""");

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Equal("no-store", rotated.Header("Cache-Control"));
        var secret = rotated.Json!["app_token"]!.GetValue<string>();
        Assert.True(TokenSecrets.LooksLikeSecret(secret));
        Assert.NotEqual(owner.AppToken, secret);
        var renewed = owner with { AppToken = secret };
        var after = await api.Client.GetAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}", renewed);
        Assert.Equal(secret[..4], after.Json!["hint"]!.GetValue<string>());
        foreach (var field in new[] { "accessor", "name", "user", "created_at", "expires_at" })
            Assert.Equal(before.Json![field]?.ToJsonString(), after.Json[field]?.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", owner)).Status);

        api.Factory.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/me", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", renewed)).Status);
        var audit = await api.Get<AuditQueries>().ListAsync(api.Admin.Actor, new AuditQuery(Action: AuditActions.TokenRotated));
        var entry = Assert.Single(audit.Value!.Items, e => e.TargetAccessor == owner.AppTokenAccessor);
        Assert.StartsWith("grace_seconds=30 ", entry.Detail);
        Assert.DoesNotContain(secret, entry.Detail);
    }

    [Fact]
    public async Task WithoutAGracePeriodTheOldUserTokenIsRefusedAtOnce()
    {
        var owner = await api.NewCallerAsync("rotate-now");
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", owner)).Status);

        var rotated = await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/tokens/{owner.TokenAccessor}/rotate", owner);

        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var secret = rotated.Json!["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/me", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", owner with { Token = secret })).Status);
    }

    [Fact]
    public async Task RotatingTwiceInsideAGracePeriodLeavesOnlyTheNewestTwoSecrets()
    {
        var owner = await api.NewCallerAsync("rotate-twice");
        var first = await api.Client.PostJsonAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}/rotate", owner, """{"grace_seconds": 3600}""");
        var second = owner with { AppToken = first.Json!["app_token"]!.GetValue<string>() };
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", second)).Status);

        var again = await api.Client.PostJsonAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}/rotate", second, """{"grace_seconds": 3600}""");
        var third = owner with { AppToken = again.Json!["app_token"]!.GetValue<string>() };

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/me", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", second)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", third)).Status);
    }

    [Theory]
    [InlineData("""{"grace_seconds": 604801}""")]
    [InlineData("""{"grace_seconds": -1}""")]
    [InlineData("""{"grace_seconds": 1.5}""")]
    [InlineData("""{"grace_seconds": "60"}""")]
    [InlineData("""{"grace": 60}""")]
    public async Task ABadGraceIsRefusedNamingTheFieldAndChangesNothing(string body)
    {
        var owner = await api.NewCallerAsync("rotate-bad");
        var snapshot = await api.SnapshotAsync();

        var refused = await api.Client.PostJsonAsync($"/api/v1/tokens/{owner.TokenAccessor}/rotate", owner, body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(body.Contains("grace_seconds") ? "grace_seconds" : "grace", refused.Errors().Keys);
        Assert.Equal(snapshot, await api.SnapshotAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/v1/me", owner)).Status);
    }

    [Fact]
    public async Task AnotherUsersTokenCannotBeRotatedButAnAdministratorMayRotateIt()
    {
        var owner = await api.NewCallerAsync("rotate-other");

        var hidden = await api.Client.PostJsonAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}/rotate", api.Bob, "{}");
        var byAdmin = await api.Client.PostJsonAsync($"/api/v1/app_tokens/{owner.AppTokenAccessor}/rotate", api.Admin, "{}");

        Assert.Equal(HttpStatusCode.NotFound, hidden.Status);
        Assert.Equal(HttpStatusCode.OK, byAdmin.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/v1/me", owner)).Status);
    }
}

public sealed class TokenRotationApiTestsOnSqlite(ApiFixture api) : TokenRotationApiTests(api), IClassFixture<ApiFixture>;

public sealed class TokenRotationApiTestsOnPostgres(PostgresApiFixture api) : TokenRotationApiTests(api), IClassFixture<PostgresApiFixture>;
