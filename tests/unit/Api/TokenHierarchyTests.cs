using EnfixPortal.Api.Model;
using System.Net;

namespace EnfixPortal.Tests.Api;

/// <summary>A token made with a user token stays inside it: it never outlives it, cannot bring it back once expired, and
/// ends with it and with a password reset.</summary>
public sealed class TokenHierarchyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string NewPassword = "N3w-Passw0rd!";

    /// <summary>A non-admin's fresh login token, as a stolen one would be.</summary>
    private async Task<Caller> LoggedInAsync(string prefix, bool admin = false)
    {
        var holder = await api.NewCallerAsync(prefix, admin);
        var login = await api.Client.LogInAsync(holder.AppToken, holder.User.UserName, ApiFixture.UserPassword);
        var item = await api.Client.GetAsync($"/api/v1/tokens/{login}/", holder);
        return holder with { Token = login, TokenAccessor = item.Json!["accessor"]!.GetValue<string>() };
    }

    /// <summary>An administrator's pair made now: other tests move the shared clock past the fixture's own pairs.</summary>
    private Task<Caller> AdminAsync() => api.NewCallerAsync("admin", admin: true);

    private Task<ApiAnswer> MeAsync(Caller caller, string token) =>
        api.Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: caller.AppToken, token: token);

    private static DateTime ExpiresAt(ApiAnswer item) => DateTime.Parse(item.Json!["expires_at"]!.GetValue<string>()).ToUniversalTime();

    [Fact]
    public async Task AStolenLoginTokenCannotMintALongerTokenNorOutliveAPasswordReset()
    {
        var victim = await LoggedInAsync("victim");

        var forever = await api.Client.PostJsonAsync("/api/v1/tokens/", victim, """{"seconds_until_expire": 100000000000}""");
        Assert.Equal(HttpStatusCode.BadRequest, forever.Status);
        Assert.Contains("Enfix:Tokens:MaxOboTokenLifetime", forever.Errors()["seconds_until_expire"]);

        var minted = await api.Client.PostJsonAsync("/api/v1/tokens/", victim, """{"seconds_until_expire": 86400}""");
        Assert.Equal(HttpStatusCode.Created, minted.Status);
        var mintedToken = minted.Json!["token"]!.GetValue<string>();
        var loginItem = await api.Client.GetAsync($"/api/v1/tokens/{victim.TokenAccessor}/", victim);
        Assert.True(ExpiresAt(await api.Client.GetAsync(minted.Header("Location")!, victim)) <= ExpiresAt(loginItem));

        var reset = await api.Client.PatchJsonAsync($"/api/v1/users/{victim.User.Id}/", await AdminAsync(), $$"""{"password": "{{NewPassword}}"}""");
        Assert.Equal(HttpStatusCode.OK, reset.Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(victim, victim.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(victim, mintedToken)).Status);
        var revive = await api.Client.SendAsync(HttpMethod.Patch, $"/api/v1/tokens/{victim.TokenAccessor}/",
            content: ApiClient.Json("""{"seconds_until_expire": 86400}"""), appToken: victim.AppToken, token: mintedToken);
        Assert.Equal(HttpStatusCode.Unauthorized, revive.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(victim, victim.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(victim, await api.Client.LogInAsync(victim.AppToken, victim.User.UserName, NewPassword))).Status);
    }

    [Fact]
    public async Task ANonAdminsNewTokenIsShortenedToTheTokenThatMadeItAndRecordsIt()
    {
        var holder = await LoggedInAsync("child");
        api.Factory.Time.Advance(TimeSpan.FromHours(1));

        var created = await api.Client.PostJsonAsync("/api/v1/tokens/", holder, """{"seconds_until_expire": 86400, "name": "child"}""");
        var child = await api.Client.GetAsync(created.Header("Location")!, holder);
        var parent = await api.Client.GetAsync($"/api/v1/tokens/{holder.TokenAccessor}/", holder);
        var extended = await api.Client.PatchJsonAsync($"/api/v1/tokens/{holder.TokenAccessor}/", holder, """{"seconds_until_expire": 86400}""");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(ExpiresAt(parent), ExpiresAt(child));
        Assert.Equal(ExpiresAt(parent), ExpiresAt(extended));
        var createdBy = child.Json!["created_by"]!;
        Assert.Equal("api", createdBy["door"]!.GetValue<string>());
        Assert.Equal(holder.User.Id, createdBy["user"]!.GetValue<string>());
        Assert.Equal(holder.AppTokenAccessor, createdBy["app_token"]!.GetValue<string>());
        Assert.Equal(holder.TokenAccessor, createdBy["token"]!.GetValue<string>());
        Assert.Null(parent.Json!["created_by"]!["token"]);
        Assert.Equal(holder.AppTokenAccessor, parent.Json["created_by"]!["app_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiringATokenEndsTheTokensMadeWithIt()
    {
        var holder = await LoggedInAsync("ending");
        var child = (await api.Client.PostJsonAsync("/api/v1/tokens/", holder, "{}")).Json!["token"]!.GetValue<string>();
        var grandchild = (await api.Client.SendAsync(HttpMethod.Post, "/api/v1/tokens/", content: ApiClient.Json("{}"),
            appToken: holder.AppToken, token: child)).Json!["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(holder, grandchild)).Status);

        var expired = await api.Client.PatchJsonAsync($"/api/v1/tokens/{holder.TokenAccessor}/", holder, """{"seconds_until_expire": -1}""");

        Assert.Equal(HttpStatusCode.OK, expired.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(holder, child)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(holder, grandchild)).Status);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(holder, (await api.NewTokenAsync(holder, TokenFamily.User)).Secret)).Status);
    }

    [Fact]
    public async Task AnExpiredTokenCannotBeRevivedByATokenItMadeButAnotherAdminTokenMay()
    {
        var admin = await LoggedInAsync("boss", admin: true);
        api.Factory.Time.Advance(TimeSpan.FromHours(1));
        var child = (await api.Client.PostJsonAsync("/api/v1/tokens/", admin, """{"seconds_until_expire": 86400}""")).Json!["token"]!.GetValue<string>();
        api.Factory.Time.Advance(TimeSpan.FromHours(23.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(admin, admin.Token)).Status);

        var byChild = await api.Client.SendAsync(HttpMethod.Patch, $"/api/v1/tokens/{admin.TokenAccessor}/",
            content: ApiClient.Json("""{"seconds_until_expire": 3600}"""), appToken: admin.AppToken, token: child);
        var byOther = await api.Client.PatchJsonAsync($"/api/v1/tokens/{admin.TokenAccessor}/", await AdminAsync(), """{"seconds_until_expire": 3600}""");

        Assert.Equal(HttpStatusCode.BadRequest, byChild.Status);
        Assert.Contains("expired", byChild.Errors()["seconds_until_expire"]);
        Assert.Equal(HttpStatusCode.OK, byOther.Status);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(admin, admin.Token)).Status);
    }

    [Theory]
    [InlineData("app_tokens", "app", 6311520001, "Enfix:Tokens:MaxAppTokenLifetime")]
    [InlineData("tokens", "obo", 86401, "Enfix:Tokens:MaxOboTokenLifetime")]
    [InlineData("tokens", "login", 86401, "Enfix:Tokens:MaxUserTokenLifetime")]
    public async Task BeyondTheMaximumLifetimeIsRefusedAtCreateAndAtPatch(string collection, string kind, long seconds, string setting)
    {
        var owner = await LoggedInAsync("limits");
        var admin = await AdminAsync();
        var target = kind switch
        {
            "app" => owner.AppTokenAccessor,
            "obo" => (await api.NewTokenAsync(owner, TokenFamily.User, seconds: 60)).Token.Accessor,
            _ => owner.TokenAccessor,
        };
        var before = await api.Client.GetAsync($"/api/v1/{collection}/{target}/", admin);

        var patched = await api.Client.PatchJsonAsync($"/api/v1/{collection}/{target}/", admin, $$"""{"seconds_until_expire": {{seconds}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, patched.Status);
        Assert.Equal($"seconds_until_expire may be at most {seconds - 1} for {(kind == "obo" ? "OBO" : kind)} tokens ({setting} is "
            + $"{TimeSpan.FromSeconds(seconds - 1)}).", patched.Errors()["seconds_until_expire"]);
        Assert.Equal(ExpiresAt(before), ExpiresAt(await api.Client.GetAsync($"/api/v1/{collection}/{target}/", admin)));
        var atMost = await api.Client.PatchJsonAsync($"/api/v1/{collection}/{target}/", admin, $$"""{"seconds_until_expire": {{seconds - 1}}}""");
        Assert.Equal(HttpStatusCode.OK, atMost.Status);
        if (kind == "login") return;
        var created = await api.Client.PostJsonAsync($"/api/v1/{collection}/", admin, $$"""{"seconds_until_expire": {{seconds}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, created.Status);
        Assert.Contains(setting, created.Errors()["seconds_until_expire"]);
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostJsonAsync($"/api/v1/{collection}/", admin, $$"""{"seconds_until_expire": {{seconds - 1}}}""")).Status);
    }
}
