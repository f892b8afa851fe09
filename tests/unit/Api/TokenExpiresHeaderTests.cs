using EnfixPortal.Api.Model;
using System.Globalization;
using System.Net;

namespace EnfixPortal.Tests.Api;

/// <summary><c>Enfix-Token-Expires-At</c>: every authenticated answer says when the pair stops working, so a client can warn itself.</summary>
public abstract class TokenExpiresHeaderTests(ApiFixture api)
{
    private const string Header = "Enfix-Token-Expires-At";

    [Fact]
    public async Task TheHeaderIsTheUserTokensExpiryWhenItEndsFirst()
    {
        var owner = await api.NewCallerAsync("expires-user");
        var item = await api.Client.GetAsync($"/api/v1/tokens/{owner.TokenAccessor}", owner);

        var me = await api.Client.GetAsync("/api/v1/me", owner);

        Assert.Equal(item.Json!["expires_at"]!.GetValue<string>(), me.Header(Header));
        Assert.Equal(item.Json["expires_at"]!.GetValue<string>(), item.Header(Header));
    }

    [Fact]
    public async Task TheHeaderIsTheAppTokensExpiryWhenItEndsFirstAndFollowsAChange()
    {
        var owner = await api.NewCallerAsync("expires-app");
        var app = await api.NewTokenAsync(owner, TokenFamily.App, seconds: 600);
        var caller = owner with { AppToken = app.Secret };

        var first = await api.Client.GetAsync("/api/v1/me", caller);
        await api.Client.PatchJsonAsync($"/api/v1/app_tokens/{app.Token.Accessor}", caller, """{"seconds_until_expire": 300}""");
        var second = await api.Client.GetAsync("/api/v1/me", caller);

        Assert.Equal(api.Factory.Time.GetUtcNow().UtcDateTime.AddSeconds(600).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), first.Header(Header));
        Assert.Equal(api.Factory.Time.GetUtcNow().UtcDateTime.AddSeconds(300).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), second.Header(Header));
    }

    [Fact]
    public async Task ARefusalForLackOfRightsCarriesItAndARefusedPairDoesNot()
    {
        var owner = await api.NewCallerAsync("expires-403");

        var forbidden = await api.Client.GetAsync("/api/v1/users/", owner);
        var refused = await api.Client.GetAsync("/api/v1/me", owner with { Token = new string('0', 32) });

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.NotNull(forbidden.Header(Header));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Null(refused.Header(Header));
    }
}

public sealed class TokenExpiresHeaderTestsOnSqlite(ApiFixture api) : TokenExpiresHeaderTests(api), IClassFixture<ApiFixture>;

public sealed class TokenExpiresHeaderTestsOnPostgres(PostgresApiFixture api) : TokenExpiresHeaderTests(api), IClassFixture<PostgresApiFixture>;
